package com.satrank.pipeline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.GraphLogFixtures;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.db.WriterLock;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on real logs and real Postgres: it finds exactly the rows that differ from the live
 * tables, leaves them alone in a dry run, swaps in tables identical to a pipeline run from zero,
 * keeps billing tables, and refuses to swap under a running pipeline.
 */
class ReplayIT {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeLogs() {
        GraphLogFixtures.writeLog(data, 300, 900, 4, Duration.ofHours(2), 100);
    }

    private static Jdbi jdbi(PostgresFixture.Db db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }

    private static void pipeline(PostgresFixture.Db db) {
        try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC());
             ChronicleEventLog r = ChronicleEventLog.open(data, LogStream.REPORTS, Clock.systemUTC())) {
            ScoringPipeline.replay(g, p, r, new JdbiScoreStore(jdbi(db))).drain();
        }
    }

    private static String dump(PostgresFixture.Db db) {
        StringBuilder all = new StringBuilder();
        Replay.SCORE_TABLES.forEach(t -> all.append(t).append(db.dump(t)));
        return all.toString();
    }

    private static Replay replay(PostgresFixture.Db db) {
        return new Replay(db.url(), db.user(), db.password(), data);
    }

    @Test
    void a_dry_run_reports_the_differences_and_a_swap_restores_the_tables_a_fresh_run_gives() {
        PostgresFixture.Db reference = PostgresFixture.freshDatabase();
        pipeline(reference);
        PostgresFixture.Db live = PostgresFixture.freshDatabase();
        pipeline(live);
        Jdbi db = jdbi(live);
        // an older formula's output: two nodes scored differently, and a billing row that must survive
        db.useHandle(h -> {
            h.execute("UPDATE node_scores SET p_success = p_success / 2, verdict = 'RISKY'"
                    + " WHERE node_id IN (SELECT node_id FROM node_scores ORDER BY node_id LIMIT 2)");
            h.execute("INSERT INTO l402_tokens (payment_hash, kind, balance_credits, max_credits)"
                    + " VALUES (repeat('a', 64), 'deposit', 5, 21)");
        });
        String tampered = dump(live);

        Replay.Diff diff = replay(live).rebuild();
        assertThat(diff.differingRows().get("node_scores")).as("each changed row counted old and new").isEqualTo(4);
        assertThat(diff.differingRows().get("nodes")).isZero();
        assertThat(diff.deltaPPercentiles()[3]).isPositive();
        assertThat(diff.events()).isPositive();
        replay(live).discard();
        assertThat(dump(live)).as("a dry run changes nothing").isEqualTo(tampered);

        Replay swap = replay(live);
        swap.rebuild();
        swap.swap();
        assertThat(dump(live)).isEqualTo(dump(reference));
        long credits = db.withHandle(h -> h.createQuery("SELECT balance_credits FROM l402_tokens").mapTo(Long.class).one());
        assertThat(credits).as("billing is not the replay's business").isEqualTo(5);
        long leftover = db.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'satrank_replay'")
                .mapTo(Long.class).one());
        assertThat(leftover).isZero();
    }

    @Test
    void another_time_constant_is_tried_beside_the_live_tables_and_the_same_one_changes_nothing() {
        PostgresFixture.Db live = PostgresFixture.freshDatabase();
        pipeline(live);
        String before = dump(live);
        Replay same = replay(live);
        Replay.Diff unchanged = same.rebuild(null, ScoringParams.DEFAULT, p -> { });
        same.discard();
        assertThat(unchanged.differingRows().values()).as("replaying with the pipeline's parameters").containsOnly(0L);

        Replay tryOut = replay(live);
        Replay.Diff diff = tryOut.rebuild(null, new ScoringParams(1.5, Duration.ofDays(1)), p -> { });
        int tau = jdbi(live).withHandle(h -> h.createQuery(
                "SELECT DISTINCT time_constant_days FROM satrank_replay.node_scores").mapTo(Integer.class).one());
        tryOut.discard();
        assertThat(tau).isEqualTo(1);
        assertThat(diff.differingRows().get("node_scores")).isPositive();
        assertThat(diff.differingRows().get("nodes")).as("graph metrics do not depend on scoring").isZero();
        assertThat(diff.deltaPPercentiles()[3]).as("faster decay moves posteriors").isPositive();
        assertThat(dump(live)).isEqualTo(before);
    }

    @Test
    void no_swap_under_a_running_pipeline() {
        PostgresFixture.Db live = PostgresFixture.freshDatabase();
        pipeline(live);
        jdbi(live).useHandle(h -> h.execute("DELETE FROM node_scores"));
        String before = dump(live);
        Replay replay = replay(live);
        replay.rebuild();
        try (WriterLock running = WriterLock.acquire(jdbi(live))) {
            assertThatThrownBy(replay::swap).hasMessageContaining("a pipeline is running");
            assertThatThrownBy(() -> WriterLock.acquire(jdbi(live))).hasMessageContaining("writer lock");
        }
        assertThat(dump(live)).isEqualTo(before);
    }

    @Test
    void as_of_reads_only_the_events_up_to_that_time_and_reports_progress() {
        PostgresFixture.Db live = PostgresFixture.freshDatabase();
        pipeline(live);
        java.time.Instant asOf = GraphLogFixtures.T0.plus(Duration.ofHours(3));
        java.util.List<long[]> progress = new java.util.ArrayList<>();
        Replay replay = replay(live);
        Replay.Diff diff = replay.rebuild(asOf, p -> progress.add(p.clone()));
        long lastPass = jdbi(live).withHandle(h -> h.createQuery(
                "SELECT max(event_time_ms) FROM satrank_replay.pipeline_checkpoint").mapTo(Long.class).one());
        replay.discard();
        assertThat(lastPass).isLessThanOrEqualTo(asOf.toEpochMilli()).isGreaterThan(GraphLogFixtures.T0.toEpochMilli());
        assertThat(diff.differingRows().get("network_stats")).as("the live tables go further").isPositive();
        long[] last = progress.get(progress.size() - 1);
        assertThat(last[0]).as("events read").isPositive().isLessThan(last[1]);
    }
}
