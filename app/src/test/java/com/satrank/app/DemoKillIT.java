package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndsim.SimPayClient;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on its embedded Postgres, killed with SIGKILL while agents pay and report, and started
 * again at once on the same data directory: the killed JVM's postmaster is still running there, and
 * the new start must stop it and come up; every debit and every report acknowledged before the kill
 * is still there afterwards (the embedded database commits durably, reports are in the log).
 */
class DemoKillIT {
    private static final String KEY = "demo-kill-api-key-0123456789abcdef";

    @Test
    void acknowledged_debits_and_reports_survive_a_sigkill_and_an_immediate_restart(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        int port = JarProcess.freePort();
        int simPort = JarProcess.freePort();
        Path config = JarProcess.writeConfig(dir.resolve("demo.yml"), port, data, """
                apiKey: %s
                limits: {freeRequestsPerMinute: 0, challengesPerMinutePerAddress: 1000}
                sim: {seed: 11, nodes: 500, channels: 1500, port: %d}
                ingest: {crawlInterval: 5s}
                """.formatted(KEY, simPort));
        HttpJson http = new HttpJson(() -> port);
        Process demo = JarProcess.start("demo", config);
        String token;
        String hash;
        long credits;
        AtomicInteger debitsAcked = new AtomicInteger();
        Set<String> reportsAcked = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        try {
            JarProcess.awaitUp(http, demo);
            String node = DemoNodes.awaitRanked(http);
            HttpJson.Reply issued = http.post("/api/deposit", "{\"amount\":1000}");
            assertThat(issued.status()).isEqualTo(402);
            Path sim = data.resolve("lnd-sim");
            String preimage = SimPayClient.pay(new LndEndpoint("localhost", simPort, sim.resolve("tls.cert"),
                    sim.resolve("pay.macaroon"), Duration.ofSeconds(10)), issued.body().at("/data/invoice").asText())
                    .preimageHex();
            hash = issued.body().at("/data/paymentHash").asText();
            HttpJson.Reply redeemed = http.post("/api/deposit", "{\"paymentHash\":\"" + hash + "\",\"preimage\":\""
                    + preimage + "\"}");
            assertThat(redeemed.status()).isEqualTo(201);
            token = redeemed.body().at("/data/token").asText();
            credits = redeemed.body().at("/data/balanceCredits").asLong();

            AtomicBoolean stop = new AtomicBoolean();
            Thread payer = new Thread(() -> {
                while (!stop.get()) {
                    inFlight.incrementAndGet();
                    try {
                        if (http.get("/api/profile/" + node, "Authorization", token).status() == 200) {
                            debitsAcked.incrementAndGet();
                        }
                    } catch (Exception killed) {
                        return;
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
            });
            java.util.List<String> targets = new java.util.ArrayList<>();
            for (int offset = 0; offset < 300; offset += 100) {
                http.get("/api/agents/top?limit=100&offset=" + offset).body().get("data")
                        .forEach(n -> targets.add(n.get("publicKey").asText()));
            }
            Thread reporter = new Thread(() -> {
                // one report per reporter, target and hour: each report is about another node
                for (int i = 0; !stop.get() && i < targets.size(); i++) {
                    try {
                        HttpJson.Reply r = http.post("/api/report", "{\"target\":\"" + targets.get(i)
                                + "\",\"outcome\":\"success\",\"amountSats\":" + (i + 1) + "}", "X-API-Key", KEY);
                        if (r.status() == 201) {
                            reportsAcked.add(r.body().at("/data/reportId").asText());
                        }
                    } catch (Exception killed) {
                        return;
                    }
                }
            });
            payer.start();
            reporter.start();
            Thread.sleep(4_000);
            demo.destroyForcibly(); // SIGKILL mid-traffic
            demo.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            payer.join(15_000);
            reporter.join(15_000);
        } finally {
            demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(debitsAcked.get()).as("traffic ran before the kill").isPositive();
        assertThat(Files.exists(data.resolve("postgres/postmaster.pid")))
                .as("the killed JVM left its postmaster behind").isTrue();

        Instant restart = Instant.now();
        Process again = JarProcess.start("demo", config);
        try {
            JarProcess.awaitUp(http, again);
            assertThat(Duration.between(restart, Instant.now())).as("up without waiting out a timeout")
                    .isLessThan(Duration.ofSeconds(60));
            long balance = http.get("/api/deposit/" + hash).body().at("/data/balanceCredits").asLong();
            // every acknowledged debit is kept; a request cut by the kill may have debited unseen
            assertThat(balance).isLessThanOrEqualTo(credits - debitsAcked.get())
                    .isGreaterThanOrEqualTo(credits - debitsAcked.get() - 1);
        } finally {
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
            again.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(reportIds(data)).containsAll(reportsAcked);
    }

    private static Set<String> reportIds(Path data) {
        Set<String> ids = new HashSet<>();
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.REPORTS, Clock.systemUTC())) {
            var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            Optional<LoggedEvent> next;
            while ((next = tailer.next()).isPresent()) {
                ids.add(String.valueOf(next.get().position().index()));
            }
        }
        return ids;
    }
}
