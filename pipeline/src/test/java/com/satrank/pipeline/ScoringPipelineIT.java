package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.pipeline.store.PassOutput;
import com.satrank.pipeline.store.ScoreStore;
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
class ScoringPipelineIT {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeLog() {
        GraphLogFixtures.writeLog(data, 2000, 6000, 6, Duration.ofHours(2), 300);
    }

    private static Jdbi jdbi(PostgresFixture.Db db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }

    private static void drainAll(PostgresFixture.Db db) {
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog probes = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC())) {
            ScoringPipeline.everyPass(log, probes, null, new JdbiScoreStore(jdbi(db))).drain();
        }
    }

    private static ChronicleEventLog probes() {
        return ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC());
    }

    @Test
    void writes_one_row_per_node_with_ranks_and_checkpoints_the_last_snapshot() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog probes = probes()) {
            ScoringPipeline pipeline = ScoringPipeline.everyPass(log, probes, null, new JdbiScoreStore(jdbi(db)));
            assertThat(pipeline.drain()).as("6 snapshot passes plus 15-minute cadence passes").isGreaterThan(6);
            assertThat(pipeline.position(LogStream.GRAPH)).isEqualTo(log.lastPosition());
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
        assertThat(db.count("node_scores")).isEqualTo(db.count("nodes"));
        long scored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM node_scores WHERE n_obs > 0")
                .mapTo(Long.class).one());
        assertThat(scored).as("nodes with probe evidence").isGreaterThan(1000);
    }

    @Test
    void a_second_run_resumes_from_the_checkpoint_and_writes_nothing_twice() {
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        drainAll(db);
        String before = db.dump("nodes") + db.dump("network_stats") + db.dump("pipeline_checkpoint");
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog probes = probes()) {
            ScoringPipeline again = ScoringPipeline.everyPass(log, probes, null, new JdbiScoreStore(jdbi(db)));
            assertThat(again.drain()).isZero();
            assertThat(again.state().appliedSnapshotId()).isPositive();
        }
        assertThat(db.dump("nodes") + db.dump("network_stats") + db.dump("pipeline_checkpoint")).isEqualTo(before);
    }

    @Test
    void a_failed_write_is_retried_on_the_next_drain_and_nothing_is_skipped() {
        PostgresFixture.Db reference = PostgresFixture.freshDatabase();
        drainAll(reference);
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        JdbiScoreStore real = new JdbiScoreStore(jdbi(db));
        int[] calls = {0};
        ScoreStore flaky = new ScoreStore() {
            @Override
            public LogPosition checkpoint(LogStream stream) {
                return real.checkpoint(stream);
            }

            @Override
            public long lastPassAsOf() {
                return real.lastPassAsOf();
            }

            @Override
            public void write(PassOutput pass) {
                if (++calls[0] == 3) {
                    throw new IllegalStateException("connection refused");
                }
                real.write(pass);
            }
        };
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog probes = probes()) {
            ScoringPipeline pipeline = ScoringPipeline.everyPass(log, probes, null, flaky);
            assertThatThrownBy(pipeline::drain).hasMessageContaining("connection refused");
            assertThat(pipeline.drain()).as("the failed pass is retried, then the rest").isPositive();
        }
        assertThat(db.dump("nodes")).isEqualTo(reference.dump("nodes"));
        assertThat(db.dump("node_scores")).isEqualTo(reference.dump("node_scores"));
        assertThat(db.dump("pipeline_checkpoint")).isEqualTo(reference.dump("pipeline_checkpoint"));
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
