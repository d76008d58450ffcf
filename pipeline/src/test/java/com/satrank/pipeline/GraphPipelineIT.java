package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Chronicle log from the real crawler, real Postgres. */
class GraphPipelineIT {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeLog() {
        GraphLogFixtures.writeLog(data, 2000, 6000, 6, Duration.ofHours(2));
    }

    private static Jdbi jdbi(PostgresFixture.Db db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }

    private static void drainAll(PostgresFixture.Db db) {
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC())) {
            new GraphPipeline(log, new JdbiScoreStore(jdbi(db))).drain();
        }
    }

    @Test
    void writes_one_row_per_node_with_ranks_and_checkpoints_the_last_snapshot() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC())) {
            GraphPipeline pipeline = new GraphPipeline(log, new JdbiScoreStore(jdbi(db)));
            assertThat(pipeline.drain()).isEqualTo(6);
            assertThat(pipeline.checkpoint()).isEqualTo(log.lastPosition());
            assertThat(db.count("nodes")).isEqualTo(pipeline.state().nodes().size());
        }
        Jdbi jdbi = jdbi(db);
        int top = jdbi.withHandle(h -> h.createQuery("SELECT min(graph_rank) FROM nodes WHERE NOT stale")
                .mapTo(Integer.class).one());
        assertThat(top).isEqualTo(1);
        long ranksUnique = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(DISTINCT graph_rank) FROM nodes WHERE NOT stale").mapTo(Long.class).one());
        assertThat(ranksUnique).isGreaterThan(1000);
        double sum = jdbi.withHandle(h -> h.createQuery("SELECT sum(pagerank) FROM nodes").mapTo(Double.class).one());
        assertThat(sum).isBetween(0.999999, 1.000001);
        assertThat(db.count("network_stats")).isEqualTo(1);
    }

    @Test
    void a_second_run_resumes_from_the_checkpoint_and_writes_nothing_twice() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        drainAll(db);
        String before = db.dump("nodes") + db.dump("network_stats") + db.dump("pipeline_checkpoint");
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC())) {
            GraphPipeline again = new GraphPipeline(log, new JdbiScoreStore(jdbi(db)));
            assertThat(again.drain()).isZero();
            assertThat(again.state().appliedSnapshotId()).isPositive();
        }
        assertThat(db.dump("nodes") + db.dump("network_stats") + db.dump("pipeline_checkpoint")).isEqualTo(before);
    }

    @Test
    void replaying_into_a_fresh_database_gives_identical_tables() {
        PostgresFixture.Db a = PostgresFixture.freshDatabase();
        PostgresFixture.Db b = PostgresFixture.freshDatabase();
        drainAll(a);
        drainAll(b);
        assertThat(b.dump("nodes")).isEqualTo(a.dump("nodes")).isNotEmpty();
        assertThat(b.dump("network_stats")).isEqualTo(a.dump("network_stats"));
    }
}
