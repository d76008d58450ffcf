package com.satrank.pipeline;

import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.ProbeClient;
import com.satrank.ingest.probe.ProbeSettings;
import com.satrank.ingest.probe.Prober;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Writes a realistic graph log: lnd-sim evolving over simulated time, crawled by the real crawler. */
public final class GraphLogFixtures {
    public static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private GraphLogFixtures() {
    }

    /** {@code snapshots} crawls, {@code step} of simulated time apart, keyframes every 6 h, no probes. */
    static void writeLog(Path dataDir, int nodes, int channels, int snapshots, Duration step) {
        writeLog(dataDir, nodes, channels, snapshots, step, 0);
    }

    /**
     * The same, with a probe cycle of {@code probeTargets} targets after each crawl, half a step
     * later, so graph and probe events interleave in event time as they do live.
     */
    public static void writeLog(Path dataDir, int nodes, int channels, int snapshots, Duration step, int probeTargets) {
        MutableClock clock = new MutableClock(T0);
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dataDir.resolve("sim"), 99, nodes, channels, null), clock);
             LndGraphClient client = new LndGraphClient(new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(),
                     sim.macaroonPath(SimMacaroons.READONLY), Duration.ofSeconds(30)),
                     new LndStatus(com.satrank.metrics.Metrics.detached()));
             ProbeClient probeClient = new ProbeClient(new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(),
                     sim.macaroonPath(SimMacaroons.READONLY), Duration.ofSeconds(30)), sim.macaroonPath(SimMacaroons.PAY),
                     new LndStatus(com.satrank.metrics.Metrics.detached()));
             ChronicleEventLog log = ChronicleEventLog.open(dataDir, LogStream.GRAPH, clock);
             ChronicleEventLog probeLog = ChronicleEventLog.open(dataDir, LogStream.PROBES, clock)) {
            GraphCrawler crawler = new GraphCrawler(client, log.appender("ingest", null), clock, Duration.ofHours(6));
            try (Prober prober = new Prober(probeClient, probeLog.appender("prober", null), crawler::lastNodePubkeys,
                    Set::of, clock, new ProbeSettings(Math.max(1, probeTargets), Duration.ZERO, 2, Duration.ofMinutes(5)))) {
                for (int i = 0; i < snapshots; i++) {
                    crawler.crawlOnce();
                    clock.advance(step.dividedBy(2));
                    if (probeTargets > 0) {
                        prober.runCycle();
                    }
                    clock.advance(step.dividedBy(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
