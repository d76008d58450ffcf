package com.satrank.serving.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.testing.PostgresFixture;
import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Movers and trend deltas from node_score_history, on real Postgres. */
class MoversQueriesIT {
    static Jdbi jdbi;
    static final LocalDate D = LocalDate.parse("2026-11-20");

    @BeforeAll
    static void seed() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        jdbi = Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
        jdbi.useHandle(h -> {
            for (int i = 1; i <= 4; i++) {
                String id = String.format("%064d", i);
                h.execute("INSERT INTO nodes VALUES (?, ?, ?, '#000000', 1, 1, 1, 1, 0.1, 50, ?, false, 0, 0, 0)",
                        id, "02" + id, "node" + i, i);
            }
            // node1 rose 0.5 → 0.9, node2 fell 0.9 → 0.4, node3 rose but with too little evidence, node4 flat
            history(h, 1, D.minusDays(7), 0.5, 20);
            history(h, 1, D, 0.9, 20);
            history(h, 2, D.minusDays(7), 0.9, 20);
            history(h, 2, D, 0.4, 20);
            history(h, 3, D.minusDays(7), 0.1, 2);
            history(h, 3, D, 0.9, 2);
            history(h, 4, D.minusDays(1), 0.7, 20);
            history(h, 4, D, 0.7, 20);
        });
    }

    static void history(org.jdbi.v3.core.Handle h, int node, LocalDate day, double p, double n) {
        h.execute("INSERT INTO node_score_history VALUES (?, ?, ?, 0, 1, ?, 'UNKNOWN', 50, 0, ?)",
                String.format("%064d", node), day, p, n, p * 100);
    }

    @Test
    void gainers_and_losers_over_seven_days_skip_thin_evidence_and_flat_nodes() {
        java.util.List<NodeQueries.Mover> gainers = jdbi.withExtension(NodeQueries.class, q -> q.gainers(7, 10));
        java.util.List<NodeQueries.Mover> losers = jdbi.withExtension(NodeQueries.class, q -> q.losers(7, 10));
        assertThat(gainers).extracting(NodeQueries.Mover::alias).containsExactly("node1");
        assertThat(gainers.get(0).delta()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(losers).extracting(NodeQueries.Mover::alias).containsExactly("node2");
        java.util.List<NodeQueries.Mover> daily = jdbi.withExtension(NodeQueries.class, q -> q.gainers(1, 10));
        assertThat(daily).isEmpty();
    }

    @Test
    void trend_reads_the_value_n_days_before_the_newest_history_day() {
        String node1 = String.format("%064d", 1);
        var weekAgo = jdbi.withExtension(NodeQueries.class, q -> q.daysBack(node1, 7));
        var dayAgo = jdbi.withExtension(NodeQueries.class, q -> q.daysBack(node1, 1));
        assertThat(weekAgo).map(NodeQueries.Then::pSuccess).contains(0.5);
        assertThat(weekAgo).map(NodeQueries.Then::score).contains(50.0); // score written as p × 100 here
        assertThat(dayAgo).isEmpty();
    }
}
