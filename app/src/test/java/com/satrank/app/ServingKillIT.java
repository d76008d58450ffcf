package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import com.satrank.pipeline.GraphLogFixtures;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.MutableClock;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the api right after it answered 201 to a report: the report is in the log, a restarted
 * api still knows it (409 for a second copy), and the pipeline counts it exactly once.
 */
class ServingKillIT {
    /** The secp256k1 generator: a valid compressed pubkey. */
    private static final String TARGET = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String KEY = "kill-test-api-key-0123456789abcdef";

    @Test
    void a_report_acknowledged_just_before_a_kill_is_kept_and_counted_once(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        GraphLogFixtures.writeLog(data, 60, 150, 1, Duration.ofHours(1), 0);
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        int port = JarProcess.freePort();
        Path config = JarProcess.writeConfig(dir.resolve("api.yml"), port, data, """
                apiKey: %s
                database: {url: "%s", user: %s, password: "%s"}
                """.formatted(KEY, db.url(), db.user(), db.password()));
        HttpJson http = new HttpJson(() -> port);
        String report = "{\"target\":\"" + TARGET + "\",\"outcome\":\"success\",\"amountSats\":1000}";

        // the duplicate guard is per clock hour: both copies of the report must fall in the same one
        long toNextHour = 3600 - Instant.now().getEpochSecond() % 3600;
        if (toNextHour < 120) {
            Thread.sleep((toNextHour + 1) * 1000);
        }
        Process api = JarProcess.start(config);
        try {
            JarProcess.awaitUp(http, api);
            HttpJson.Reply accepted = http.post("/api/report", report, "X-API-Key", KEY);
            api.destroyForcibly(); // SIGKILL the moment the 201 is in hand
            assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(201);
        } finally {
            api.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(reportsFor(data)).isEqualTo(1);

        Process again = JarProcess.start(config);
        try {
            JarProcess.awaitUp(http, again);
            HttpJson.Reply duplicate = http.post("/api/report", report, "X-API-Key", KEY);
            assertThat(duplicate.status()).as("the restarted api rebuilt its guard from the log").isEqualTo(409);
        } finally {
            again.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(reportsFor(data)).isEqualTo(1);

        // a later probe lets a pass run past the report's time; the pipeline writes it once
        MutableClock later = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
        try (ChronicleEventLog probes = ChronicleEventLog.open(data, LogStream.PROBES, later)) {
            probes.appender("prober", null).append(Event.newBuilder().setProbeCompleted(ProbeCompleted.newBuilder()
                    .setTargetPubkey(ByteString.copyFrom(HexFormat.of().parseHex(TARGET))).setAmountSat(1000)
                    .setMethod(ProbeCompleted.Method.PAYMENT_PROBE).setOutcome(ProbeCompleted.Outcome.SUCCESS)));
        }
        PostgresFixture.Db fresh = PostgresFixture.freshDatabase();
        Jdbi jdbi = Jdbi.create(fresh.url(), fresh.user(), fresh.password()).installPlugin(new SqlObjectPlugin());
        try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC());
             ChronicleEventLog r = ChronicleEventLog.open(data, LogStream.REPORTS, Clock.systemUTC())) {
            ScoringPipeline.replay(g, p, r, new JdbiScoreStore(jdbi)).drain();
        }
        long counted = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM reports").mapTo(Long.class).one());
        assertThat(counted).isEqualTo(1);
    }

    private static long reportsFor(Path data) {
        long n = 0;
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.REPORTS, Clock.systemUTC())) {
            var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            Optional<LoggedEvent> next;
            while ((next = tailer.next()).isPresent()) {
                if (HexFormat.of().formatHex(next.get().event().getPaymentReported().getTargetPubkey().toByteArray())
                        .equals(TARGET)) {
                    n++;
                }
            }
        }
        return n;
    }
}
