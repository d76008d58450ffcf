package com.satrank.ingest.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lnd-sim → gRPC → crawler → a real Chronicle queue, read back. */
class GraphCrawlerIT {
    @Test
    void keyframe_then_tiny_delta_then_delta_with_changes_then_daily_keyframe(@TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir.resolve("sim"), 11, 2000, 6000, null), clock);
             LndGraphClient client = new LndGraphClient(new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(),
                     sim.macaroonPath(SimMacaroons.READONLY), Duration.ofSeconds(20)),
                     new LndStatus(com.satrank.metrics.Metrics.detached()));
             ChronicleEventLog log = ChronicleEventLog.open(dir.resolve("data"), LogStream.GRAPH, clock)) {
            GraphCrawler crawler = new GraphCrawler(client, log.appender("ingest", null), clock, Duration.ofHours(24));

            GraphCrawler.Result first = crawler.crawlOnce();
            assertThat(first.keyframe()).isTrue();
            assertThat(first.nodes()).isEqualTo(2001);

            long before = log.bytesAppended();
            GraphCrawler.Result same = crawler.crawlOnce();
            assertThat(same.keyframe()).isFalse();
            assertThat(same.events()).isEqualTo(2);
            assertThat(log.bytesAppended() - before).as("bytes for an unchanged graph").isLessThan(1024);

            clock.advance(Duration.ofMinutes(30));
            GraphCrawler.Result moved = crawler.crawlOnce();
            assertThat(moved.keyframe()).isFalse();
            assertThat(moved.events()).isGreaterThan(2);

            clock.advance(Duration.ofHours(24));
            assertThat(crawler.crawlOnce().keyframe()).isTrue();

            List<Event> read = new ArrayList<>();
            var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            tailer.next().ifPresent(e -> read.add(e.event()));
            while (true) {
                var next = tailer.next();
                if (next.isEmpty()) {
                    break;
                }
                read.add(next.get().event());
            }
            long completed = read.stream().filter(Event::hasGraphSnapshotCompleted).count();
            assertThat(completed).isEqualTo(4);
            assertThat(read.get(0).hasGraphSnapshotStarted()).isTrue();
            assertThat(read.get(0).getSource().getProcess()).isEqualTo("ingest");
        }
    }
}
