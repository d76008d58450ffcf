package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.PostgresFixture;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the pipeline as a separate JVM, kills it with SIGKILL at random moments, restarts it, and
 * checks the tables end identical to an uninterrupted run.
 */
class PipelineKillIT {
    @Test
    void kill_9_at_random_points_then_restart_gives_the_uninterrupted_tables(@TempDir Path data) throws Exception {
        GraphLogFixtures.writeLog(data, 3000, 9000, 12, Duration.ofHours(1), 200);

        PostgresFixture.Db reference = PostgresFixture.freshDatabase();
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog probes = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC())) {
            ScoringPipeline.everyPass(log, probes, null, new JdbiScoreStore(Jdbi.create(reference.url(), reference.user(),
                    reference.password()).installPlugin(new SqlObjectPlugin()))).drain();
        }

        PostgresFixture.Db killed = PostgresFixture.freshDatabase();
        Random random = new Random(42);
        List<Long> checkpoints = new ArrayList<>();
        int killedMidRun = 0;
        long finalCheckpoint = checkpoint(reference);
        for (int attempt = 0; attempt < 12 && !(killedMidRun >= 3 && caughtBetween(checkpoints, finalCheckpoint));
             attempt++) {
            long before = checkpoint(killed);
            Process p = child(data, killed);
            // Kill at a random moment after this run has committed something new, so kills land
            // between passes and inside them however fast this machine is.
            long started = System.nanoTime();
            while (p.isAlive() && checkpoint(killed) == before && System.nanoTime() - started < 60_000_000_000L) {
                Thread.sleep(20);
            }
            boolean finished = p.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hooks, no clean close
                killedMidRun++;
            }
            checkpoints.add(checkpoint(killed));
        }
        Process last = child(data, killed);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).isZero();

        assertThat(killedMidRun).as("kills that landed while the pipeline ran").isPositive();
        assertThat(caughtBetween(checkpoints, finalCheckpoint))
                .as("some kill landed after a committed snapshot and before the last: %s", checkpoints).isTrue();
        assertThat(killed.dump("nodes")).isEqualTo(reference.dump("nodes")).isNotEmpty();
        assertThat(killed.dump("network_stats")).isEqualTo(reference.dump("network_stats"));
        assertThat(killed.dump("node_scores")).isEqualTo(reference.dump("node_scores")).isNotEmpty();
        assertThat(killed.dump("node_score_history")).isEqualTo(reference.dump("node_score_history")).isNotEmpty();
        assertThat(killed.dump("pipeline_checkpoint")).isEqualTo(reference.dump("pipeline_checkpoint"));
        assertThat(checkpoints).as("checkpoints never go backwards").isSorted();
    }

    private static boolean caughtBetween(List<Long> checkpoints, long last) {
        return checkpoints.stream().anyMatch(c -> c >= 0 && c < last);
    }

    private static long checkpoint(PostgresFixture.Db db) {
        return db.count("pipeline_checkpoint") == 0 ? -1 : Jdbi.create(db.url(), db.user(), db.password())
                .withHandle(h -> h.createQuery("SELECT log_index FROM pipeline_checkpoint WHERE stream = 'graph'")
                        .mapTo(Long.class).one());
    }

    private static Process child(Path data, PostgresFixture.Db db) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-Dchronicle.analytics.disable=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PipelineMain.class.getName());
        cmd.add(data.toString());
        cmd.add(db.url());
        cmd.add(db.user());
        cmd.add(db.password());
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
