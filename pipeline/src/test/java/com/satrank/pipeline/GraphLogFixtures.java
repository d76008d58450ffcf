package com.satrank.pipeline;

import com.codahale.metrics.MetricRegistry;
import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.ingest.lnd.LndEndpoint;
import com.satrank.ingest.lnd.LndGraphClient;
import com.satrank.ingest.lnd.LndStatus;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Writes a realistic graph log: lnd-sim evolving over simulated time, crawled by the real crawler. */
final class GraphLogFixtures {
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private GraphLogFixtures() {
    }

    /** {@code snapshots} crawls, {@code step} of simulated time apart, keyframes every 6 h. */
    static void writeLog(Path dataDir, int nodes, int channels, int snapshots, Duration step) {
        MutableClock clock = new MutableClock(T0);
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dataDir.resolve("sim"), 99, nodes, channels, null), clock);
             LndGraphClient client = new LndGraphClient(new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(),
                     sim.macaroonPath(SimMacaroons.READONLY), Duration.ofSeconds(30)),
                     new LndStatus(new MetricRegistry()));
             ChronicleEventLog log = ChronicleEventLog.open(dataDir, LogStream.GRAPH, clock)) {
            GraphCrawler crawler = new GraphCrawler(client, log.appender("ingest", null), clock, Duration.ofHours(6));
            for (int i = 0; i < snapshots; i++) {
                crawler.crawlOnce();
                clock.advance(step);
            }
        }
    }
}
