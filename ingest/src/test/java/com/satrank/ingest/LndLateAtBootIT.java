package com.satrank.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.ingest.config.IngestConfig;
import com.satrank.ingest.config.ProbeConfig;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.EventLogs;
import com.satrank.log.LogPosition;
import com.satrank.log.LoggedEvent;
import com.satrank.metrics.Metrics;
import com.satrank.model.Pubkey;
import com.satrank.testing.MutableClock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest started while LND is away: once LND is back, the events it appends name LND's node (the
 * source pubkey), not the empty identity it had at start.
 */
class LndLateAtBootIT {
    @Test
    void events_name_lnd_once_it_is_back_although_it_was_away_at_start(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MutableClock clock = new MutableClock(Instant.now());
        LndSimSettings settings = new LndSimSettings("127.0.0.1", port, dir.resolve("sim"), 4, 200, 600, null);
        LndSimServer sim = LndSimServer.start(settings, clock);
        LndEndpoint endpoint = new LndEndpoint("localhost", port, sim.tlsCertPath(),
                sim.macaroonPath(SimMacaroons.READONLY), Duration.ofSeconds(5));
        Pubkey identity;
        try (LndGraphClient client = new LndGraphClient(endpoint, new LndStatus(Metrics.detached()))) {
            identity = client.getInfo().identity();
        }
        sim.close(); // LND away when ingest starts

        try (EventLogs logs = EventLogs.open(dir.resolve("data"), clock);
             IngestProcess ingest = IngestProcess.create(new IngestConfig(), new ProbeConfig(), endpoint, "", logs,
                     Metrics.detached(), clock)) {
            ingest.start();
            Thread.sleep(1_000);
            sim = LndSimServer.start(settings, clock);
            clock.advance(Duration.ofMinutes(1)); // past the 30 s between identity lookups
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            Optional<LoggedEvent> first = Optional.empty();
            while (first.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                first = logs.graph().tailer().seekAfter(LogPosition.BEFORE_START).next();
            }
            assertThat(first).as("a snapshot once LND is back").isPresent();
            assertThat(first.get().event().getSource().getLndPubkey().toByteArray())
                    .as("the snapshot names LND's node").isEqualTo(identity.toBytes());
        } finally {
            sim.close();
        }
    }
}
