package com.satrank.pipeline.store;

import com.satrank.model.Verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.pipeline.scoring.HistoryRow;
import com.satrank.testing.PostgresFixture;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** History rows through COPY come back bit for bit, and a second copy of a day changes nothing. */
class HistoryCopyIT {
    @Test
    void doubles_survive_the_text_format_exactly_and_duplicates_are_ignored() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        Jdbi jdbi = Jdbi.create(db.url(), db.user(), db.password());
        double[] awkward = {0.1, 0.30000000000000004, Double.MIN_VALUE, 1e-300, 123456.789e10, 2.0 / 3, -0.0,
                Math.nextUp(1.0)};
        List<HistoryRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < awkward.length; i++) {
            rows.add(new HistoryRow(String.format("%064x", i), LocalDate.of(2026, 3, 1), awkward[i], awkward[i] / 3,
                    awkward[i] * 3, awkward[i], Verdict.SAFE, awkward[(i + 1) % awkward.length], 1_772_323_200_000L + i,
                    awkward[(i + 2) % awkward.length]));
        }
        jdbi.useTransaction(h -> HistoryCopy.insert(h, rows));
        var changed = List.of(new HistoryRow(rows.get(0).nodeId(), rows.get(0).day(), 0.5, 0.4, 0.6, 9, Verdict.RISKY, 0.5,
                1L, 1.0));
        jdbi.useTransaction(h -> HistoryCopy.insert(h, changed));
        List<HistoryRow> back = jdbi.withHandle(h -> h.createQuery("SELECT node_id, day, p_success, ci95_low, ci95_high,"
                + " n_obs, verdict, pagerank_percentile, as_of_ms, score FROM node_score_history ORDER BY node_id")
                .map((rs, ctx) -> new HistoryRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), Verdict.valueOf(rs.getString(7)), rs.getDouble(8),
                        rs.getLong(9), rs.getDouble(10))).list());
        assertThat(back).isEqualTo(rows);
    }
}
