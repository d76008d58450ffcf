package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.db.EmbeddedDatabase;
import com.satrank.db.Migrations;
import com.satrank.db.WriterLock;
import com.satrank.log.EventLogs;
import com.satrank.metrics.Metrics;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.store.JdbiScoreStore;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The score tables' writer role survives what a session-level advisory lock alone does not: a
 * Postgres restart under a running pipeline (the pipeline takes its lock back, and a second writer
 * or a replay's swap is still refused), and a writer that took the role while the pipeline's lock
 * was gone (the pipeline's stale passes are refused, it stands down and folds again).
 */
class WriterFencingIT {
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Jdbi jdbi(EmbeddedDatabase pg) {
        return Jdbi.create(pg.jdbcUrl(), pg.user(), "").installPlugin(new SqlObjectPlugin());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static boolean swapWouldRun(Jdbi jdbi) {
        try {
            return jdbi.inTransaction(h -> WriterLock.tryInTransaction(h, "test swap"));
        } catch (RuntimeException databaseNotBack) {
            return false;
        }
    }

    private static long epoch(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT epoch FROM writer_epoch").mapTo(Long.class).one());
    }

    private static double counter(Metrics metrics, String name) {
        return metrics.registry().scrape().stream().filter(s -> s.getMetadata().getName().equals(name))
                .map(s -> ((CounterSnapshot) s).getDataPoints().get(0).getValue()).findFirst().orElse(-1.0);
    }

    private static Jdbi migrated(EmbeddedDatabase pg) {
        Migrations.migrate(pg.jdbcUrl(), pg.user(), "");
        return jdbi(pg);
    }

    private static EventLogs logWithSnapshots(Path dir) {
        GraphLogFixtures.writeLog(dir.resolve("data"), 60, 150, 2, Duration.ofHours(1), 20);
        return EventLogs.open(dir.resolve("data"), Clock.systemUTC());
    }

    /** A pipeline process on {@code logs}, started, once it has written a pass. */
    private static PipelineProcess runningPipeline(Jdbi jdbi, EventLogs logs, Metrics metrics) throws Exception {
        PipelineProcess pipeline = PipelineProcess.create(jdbi, logs, ScoringParams.DEFAULT, metrics, Clock.systemUTC());
        pipeline.start();
        await("the pipeline wrote a pass", () -> counter(metrics, "satrank_pipeline_passes") > 0);
        return pipeline;
    }

    @Test
    void after_a_postgres_restart_the_pipeline_takes_its_lock_back_and_no_second_writer_gets_in(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), port);
        Jdbi jdbi = migrated(pg);
        Metrics metrics = Metrics.detached();
        try (EventLogs logs = logWithSnapshots(dir);
             PipelineProcess pipeline = runningPipeline(jdbi, logs, metrics)) {
            assertThat(swapWouldRun(jdbi)).as("refused while the pipeline runs").isFalse();

            pg.close();
            pg = EmbeddedDatabase.start(dir.resolve("pg"), port);
            Jdbi restarted = jdbi(pg);
            // the advisory lock died with the old server; the pipeline's next drain takes it back
            await("the pipeline holds the lock again", () -> restarted.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = :key AND granted")
                    .bind("key", WriterLock.KEY).mapTo(Long.class).one()) == 1);
            assertThat(swapWouldRun(restarted)).as("a replay's swap is still refused").isFalse();
            assertThatThrownBy(() -> WriterLock.acquire(restarted)).hasMessageContaining("writer lock");
            assertThat(counter(metrics, "satrank_pipeline_fenced_out")).as("nobody took the role").isZero();
        } finally {
            pg.close();
        }
    }

    @Test
    void a_writer_that_took_the_role_while_the_lock_was_gone_fences_the_pipeline_out(@TempDir Path dir)
            throws Exception {
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), freePort());
        Jdbi jdbi = migrated(pg);
        Metrics metrics = Metrics.detached();
        try (EventLogs logs = logWithSnapshots(dir);
             PipelineProcess pipeline = runningPipeline(jdbi, logs, metrics)) {
            long before = epoch(jdbi);
            // the lock's session dies (as in a restart) and, before the pipeline notices, a swap takes the role
            await("a swap got in while the lock was gone", () -> {
                jdbi.useHandle(h -> h.execute("SELECT pg_terminate_backend(pid) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND objid::bigint = " + WriterLock.KEY));
                for (int i = 0; i < 20; i++) {
                    if (swapWouldRun(jdbi)) {
                        return true;
                    }
                }
                return false;
            });
            await("the pipeline noticed it was fenced out", () -> counter(metrics, "satrank_pipeline_fenced_out") >= 1);
            await("the pipeline took the role again with a new epoch", () -> jdbi.withHandle(h -> h.createQuery(
                    "SELECT holder = 'pipeline' AND epoch > :e FROM writer_epoch").bind("e", before + 1)
                    .mapTo(Boolean.class).one()));
        } finally {
            pg.close();
        }
    }

    @Test
    void a_pass_written_with_a_stale_epoch_is_refused_and_changes_nothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        GraphLogFixtures.writeLog(data, 60, 150, 2, Duration.ofHours(1), 20);
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), freePort());
        try {
            Migrations.migrate(pg.jdbcUrl(), pg.user(), "");
            Jdbi jdbi = jdbi(pg);
            WriterLock mine = WriterLock.acquire(jdbi);
            mine.close(); // lost, as in a restart
            assertThat(swapWouldRun(jdbi)).as("someone else takes the role").isTrue();
            try (EventLogs logs = EventLogs.open(data, Clock.systemUTC())) {
                ScoringPipeline stale = ScoringPipeline.everyPass(logs.graph(), logs.probes(), null,
                        new JdbiScoreStore(jdbi, mine));
                assertThatThrownBy(stale::drain).isInstanceOf(WriterLock.FencedOut.class);
            }
            long nodes = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM nodes").mapTo(Long.class).one());
            assertThat(nodes).as("nothing written").isZero();
        } finally {
            pg.close();
        }
    }
}
