package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import com.satrank.pipeline.graph.GraphState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the ingest process in the middle of writing a keyframe: the log ends with a snapshot
 * that never completes, readers ignore it, and the restarted ingest writes a complete one that
 * applies, with every node of LND's graph.
 */
class IngestKillIT {
    @Test
    void a_snapshot_cut_by_kill_9_is_ignored_and_the_next_one_applies(@TempDir Path dir) throws Exception {
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir.resolve("lnd"), 11, 15000, 50000, null), Clock.systemUTC())) {
            Path data = dir.resolve("data");
            Path config = JarProcess.writeConfig(dir.resolve("ingest.yml"), JarProcess.freePort(), data, """
                    lnd: {host: localhost, port: %d, tlsCertPath: "%s", readonlyMacaroonPath: "%s"}
                    ingest: {crawlInterval: 1h}
                    """.formatted(sim.port(), sim.tlsCertPath(), sim.macaroonPath(SimMacaroons.READONLY)));
            long cut = -1;
            for (int attempt = 0; attempt < 5 && cut < 0; attempt++) {
                Process ingest = JarProcess.start("ingest", config);
                try {
                    cut = killMidSnapshot(data, ingest);
                } finally {
                    ingest.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            assertThat(cut).as("a kill landed inside a keyframe").isNotNegative();

            Process ingest = JarProcess.start("ingest", config);
            GraphState state = new GraphState();
            try {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                while (state.appliedSnapshotId() < 0 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(500);
                    state = fold(data);
                }
            } finally {
                ingest.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(state.appliedSnapshotId()).as("the restarted ingest's keyframe applies").isPositive()
                    .isNotEqualTo(cut);
            assertThat(state.nodes()).hasSize(15001);
            assertThat(LogReads.completedSnapshots(data)).doesNotContain(cut);
        }
    }

    /** Kills the process once a snapshot has started and not completed; its id, or -1 if it finished first. */
    private static long killMidSnapshot(Path data, Process ingest) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Files.createDirectories(data);
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog.Tailer tailer = log.tailer().seekAfter(log.lastPosition())) {
            long open = -1;
            while (Instant.now().isBefore(deadline) && ingest.isAlive()) {
                Optional<LoggedEvent> next = tailer.next();
                if (next.isEmpty()) {
                    if (open >= 0) {
                        ingest.destroyForcibly(); // SIGKILL inside the snapshot
                        ingest.waitFor(10, TimeUnit.SECONDS);
                        return LogReads.completedSnapshots(data).contains(open) ? -1 : open;
                    }
                    Thread.sleep(2);
                    continue;
                }
                Event e = next.get().event();
                if (e.hasGraphSnapshotStarted()) {
                    open = e.getGraphSnapshotStarted().getSnapshotId();
                } else if (e.hasGraphSnapshotCompleted()) {
                    return -1; // too late for this process
                }
            }
        }
        return -1;
    }

    private static GraphState fold(Path data) {
        GraphState state = new GraphState();
        LogReads.forEach(data, LogStream.GRAPH, state::apply);
        return state;
    }
}
