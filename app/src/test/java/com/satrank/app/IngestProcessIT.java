package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.app.commands.ModeCommand;
import com.satrank.app.config.ProcessMode;
import com.satrank.app.config.SatRankConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest process on its own: LND over gRPC in, graph log out, no database at all. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IngestProcessIT {
    private static final Path DIR = temp();
    private static final LndSimServer SIM = LndSimServer.start(
            new LndSimSettings("127.0.0.1", 0, DIR.resolve("lnd"), 3, 500, 1500, null), Clock.systemUTC());
    private static final DropwizardAppExtension<SatRankConfiguration> APP = new DropwizardAppExtension<>(
            SatRankApplication.class, ResourceHelpers.resourceFilePath("ingest-test.yml"), (String) null,
            app -> new ModeCommand(app, "ingest", "ingest", ProcessMode.INGEST),
            ConfigOverride.config("dataDir", DIR.resolve("data").toString()),
            ConfigOverride.config("lnd.port", String.valueOf(SIM.port())),
            ConfigOverride.config("lnd.tlsCertPath", SIM.tlsCertPath().toString()),
            ConfigOverride.config("lnd.readonlyMacaroonPath", SIM.macaroonPath(SimMacaroons.READONLY).toString()));

    private static Path temp() {
        try {
            return Files.createTempDirectory("satrank-ingest-it");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSim() {
        SIM.close();
    }

    @Test
    void crawls_into_the_graph_log_and_reports_lnd_health_without_a_database() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && completedSnapshots() < 2) {
            Thread.sleep(200);
        }
        assertThat(completedSnapshots()).as("completed snapshots in the graph log").isGreaterThanOrEqualTo(2);
        assertThat(DIR.resolve("data").resolve("postgres")).doesNotExist();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + APP.getLocalPort() + "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode d = new ObjectMapper().readTree(r.body()).get("data");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(d.get("dbStatus").asText()).isEqualTo("disabled");
        assertThat(d.get("lndStatus").asText()).isEqualTo("ok");
        assertThat(d.at("/lnd/alias").asText()).isEqualTo("satrank-sim-lnd");

        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + APP.getLocalPort() + "/api/agents/top")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as("the ingest process serves no API routes").isEqualTo(404);
    }

    private static int completedSnapshots() {
        try (ChronicleEventLog log = ChronicleEventLog.open(DIR.resolve("data"), LogStream.GRAPH, Clock.systemUTC())) {
            var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            int completed = 0;
            for (var e = tailer.next(); e.isPresent(); e = tailer.next()) {
                if (e.get().event().hasGraphSnapshotCompleted()) {
                    assertThat(e.get().event().getGraphSnapshotCompleted().getNodeCount()).isEqualTo(501);
                    completed++;
                }
            }
            return completed;
        }
    }
}
