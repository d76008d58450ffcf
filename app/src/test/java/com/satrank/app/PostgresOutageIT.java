package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.satrank.db.EmbeddedDatabase;
import com.satrank.db.Migrations;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.GraphLogFixtures;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postgres stopped under a running api and pipeline, then started again: reads answer 503 (never
 * 500), health says so, reports are still accepted into the log, the pipeline's failed pass is
 * retried, and after the restart everything, the report included, reaches the tables.
 */
class PostgresOutageIT {
    private static final String TARGET = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String KEY = "outage-test-api-key-0123456789abcd";

    @Test
    void reads_degrade_to_503_reports_keep_flowing_and_the_pipeline_catches_up(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        GraphLogFixtures.writeLog(data, 60, 150, 1, Duration.ofHours(1), 0);
        int pgPort = JarProcess.freePort();
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), pgPort);
        Migrations.migrate(pg.jdbcUrl(), pg.user(), "");
        Jdbi jdbi = Jdbi.create(pg.jdbcUrl(), pg.user(), "").installPlugin(new SqlObjectPlugin());
        int port = JarProcess.freePort();
        Path config = JarProcess.writeConfig(dir.resolve("api.yml"), port, data, """
                apiKey: %s
                database: {url: "%s", user: %s, password: ""}
                """.formatted(KEY, pg.jdbcUrl(), pg.user()));
        HttpJson http = new HttpJson(() -> port);
        try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC());
             ChronicleEventLog r = ChronicleEventLog.open(data, LogStream.REPORTS, Clock.systemUTC())) {
            ScoringPipeline pipeline = ScoringPipeline.replay(g, p, r, new JdbiScoreStore(jdbi));
            pipeline.drain();
            Process api = JarProcess.start(config);
            try {
                JarProcess.awaitUp(http, api);
                String node = http.get("/api/agents/top?limit=1").body().at("/data/0/publicKey").asText();

                pg.close(); // Postgres goes away under the running api and pipeline
                HttpJson.Reply stats = http.get("/api/stats");
                if (stats.status() != 503) {
                    System.out.println(Files.readString(dir.resolve("api.log")));
                }
                assertThat(stats.status()).isEqualTo(503);
                assertThat(stats.body().at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(http.get("/api/agent/" + node).status()).isEqualTo(503);
                assertThat(http.get("/api/health").status()).isEqualTo(503);
                HttpJson.Reply report = http.post("/api/report",
                        "{\"target\":\"" + TARGET + "\",\"outcome\":\"success\"}", "X-API-Key", KEY);
                assertThat(report.status()).as("reports need no database").isEqualTo(201);
                // a later probe gives the pipeline a pass to write, which fails while Postgres is down
                MutableClock later = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
                try (ChronicleEventLog probes = ChronicleEventLog.open(data, LogStream.PROBES, later)) {
                    probes.appender("prober", null).append(Event.newBuilder().setProbeCompleted(ProbeCompleted
                            .newBuilder().setTargetPubkey(ByteString.copyFrom(HexFormat.of().parseHex(TARGET)))
                            .setAmountSat(1000).setMethod(ProbeCompleted.Method.PAYMENT_PROBE)
                            .setOutcome(ProbeCompleted.Outcome.SUCCESS)));
                }
                assertThatThrownBy(pipeline::drain).as("the pass cannot be written");

                pg = EmbeddedDatabase.start(dir.resolve("pg"), pgPort);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                int status = 0;
                while (Instant.now().isBefore(deadline) && (status = http.get("/api/stats").status()) != 200) {
                    Thread.sleep(250);
                }
                assertThat(status).as("the api recovers by itself").isEqualTo(200);
                assertThat(pipeline.drain()).as("the failed pass, then the rest").isPositive();
                long reports = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM reports").mapTo(Long.class).one());
                assertThat(reports).as("the report taken during the outage").isEqualTo(1);
            } finally {
                api.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                pg.close();
            }
        }
    }
}
