package com.satrank.ingest.graph;

import com.satrank.model.Sat;

import com.satrank.lndclient.InvoiceClient;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.LndUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.testing.MutableClock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LND (lnd-sim) stopped and started again under a running ingest and invoice client: calls fail with
 * the typed exception and health turns degraded, nothing crashes, and both recover by themselves on
 * the same channel once LND is back (with the same cert and macaroons, as LND keeps them).
 */
class LndOutageIT {
    @Test
    void ingest_and_invoices_fail_cleanly_while_lnd_is_down_and_recover_after(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
        LndSimSettings settings = new LndSimSettings("127.0.0.1", port, dir.resolve("sim"), 3, 200, 600, null);
        LndSimServer sim = LndSimServer.start(settings, clock);
        LndStatus status = new LndStatus(com.satrank.metrics.Metrics.detached());
        LndEndpoint endpoint = new LndEndpoint("localhost", port, sim.tlsCertPath(),
                sim.macaroonPath(SimMacaroons.READONLY), Duration.ofSeconds(5));
        try (ChronicleEventLog log = ChronicleEventLog.open(dir.resolve("data"), LogStream.GRAPH, clock);
             LndGraphClient graph = new LndGraphClient(endpoint, status);
             InvoiceClient invoices = new InvoiceClient(endpoint, sim.macaroonPath(SimMacaroons.INVOICE), status)) {
            GraphCrawler crawler = new GraphCrawler(graph, log.appender("ingest", null), clock, Duration.ofHours(6));
            assertThat(crawler.crawlOnce().nodes()).isPositive();
            assertThat(invoices.addInvoice(new Sat(5), "before", 600).bolt11()).startsWith("ln");

            sim.close();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(crawler::crawlOnce).isInstanceOf(LndUnavailableException.class);
            }
            assertThatThrownBy(() -> invoices.addInvoice(new Sat(5), "during", 600)).isInstanceOf(LndUnavailableException.class);
            assertThat(status.state()).isEqualTo("degraded");

            sim = LndSimServer.start(settings, clock);
            clock.advance(Duration.ofMinutes(15));
            GraphCrawler.Result recovered = eventually(crawler::crawlOnce);
            assertThat(recovered.nodes()).as("ingest recovers once LND is back").isPositive();
            assertThat(status.state()).isEqualTo("ok");
            assertThat(eventually(() -> invoices.addInvoice(new Sat(5), "after", 600)).bolt11()).startsWith("ln");
        } finally {
            sim.close();
        }
    }

    /** The call's result once it stops failing with LND unavailable (gRPC reconnects with backoff); 60 s at most. */
    private static <T> T eventually(java.util.concurrent.Callable<T> call) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                return call.call();
            } catch (LndUnavailableException stillDown) {
                if (Instant.now().isAfter(deadline)) {
                    throw stillDown;
                }
                Thread.sleep(250);
            }
        }
    }
}
