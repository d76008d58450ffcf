package com.satrank.serving.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.testing.PostgresFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Report statistics over the reports table, on real Postgres: window bounds, proven counts, ISO weeks. */
class ReportQueriesIT {
    static Jdbi jdbi;
    /** A Wednesday; its ISO week starts on Monday 2026-11-23. */
    static final long NOW = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;

    @BeforeAll
    static void seed() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        jdbi = Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
        jdbi.useHandle(h -> {
            report(h, 1, NOW, "a", true);
            report(h, 2, NOW - DAY, "b", false);           // same week (Tuesday)
            report(h, 3, NOW - 3 * DAY, "a", false);       // Sunday: previous ISO week
            report(h, 4, NOW - 31 * DAY, "c", true);       // outside the 30 days
            report(h, 5, NOW + DAY, "d", true);            // after the pass: not yet counted
        });
    }

    static void report(org.jdbi.v3.core.Handle h, long index, long timeMs, String reporter, boolean proven) {
        h.execute("INSERT INTO reports VALUES (?, ?, ?, ?, 'SUCCESS', ?)", index, timeMs, reporter,
                String.format("%064d", index), proven);
    }

    @Test
    void totals_cover_the_thirty_days_up_to_the_pass() {
        ReportQueries.Totals t = jdbi.withExtension(ReportQueries.class, q -> q.totals(NOW - 30 * DAY, NOW));
        assertThat(t).isEqualTo(new ReportQueries.Totals(3, 1, 2));
    }

    @Test
    void weeks_start_on_monday_oldest_first() {
        List<ReportQueries.Week> weeks = jdbi.withExtension(ReportQueries.class, q -> q.weekly(NOW - 30 * DAY, NOW));
        assertThat(weeks).containsExactly(
                new ReportQueries.Week(LocalDate.parse("2026-11-16"), 1, 0, 1),
                new ReportQueries.Week(LocalDate.parse("2026-11-23"), 2, 1, 2));
    }
}
