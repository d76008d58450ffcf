package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.db.EmbeddedDatabase;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.lndsim.SimPayClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: the three production processes (api, ingest, pipeline) as separate JVMs on one Postgres and
 * one LND (lnd-sim), under load on free and paid routes and reports, while faults are injected:
 * Postgres restarts, LND restarts, the pipeline is killed with SIGKILL and started again. Asserts:
 * no 5xx other than 503; every report answered 201 reaches the tables exactly once; every token's
 * balance equals what it bought minus the answers it was given; the api's heap after the run is
 * about what it was before. A short run is in the suite ({@code -Dsoak.seconds}, default 60); the
 * figures of a longer one are in docs/benchmarks.md.
 */
class SoakIT {
    private static final String KEY = "soak-test-api-key-0123456789abcdef";
    private static final String SECRET = "5c1f0c6a9d2e8f4b7c5a1e0d9f8b6a4c2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a";
    private static final int TOKENS = 4;

    private record Sample(long atMs, int status, long micros, String route) {
    }

    @Test
    void faults_under_load_give_503s_at_worst_and_lose_or_double_nothing(@TempDir Path dir) throws Exception {
        long seconds = Long.getLong("soak.seconds", 60);
        Path data = dir.resolve("data");
        int pgPort = JarProcess.freePort();
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), pgPort);
        LndSimSettings simSettings = new LndSimSettings("127.0.0.1", JarProcess.freePort(), dir.resolve("sim"), 17, 800,
                2400, null);
        LndSimServer sim = LndSimServer.start(simSettings, Clock.systemUTC());
        Path simDir = simSettings.dir();
        String common = """
                apiKey: %s
                database: {url: "%s", user: %s, password: ""}
                lnd: {host: localhost, port: %d, tlsCertPath: %s, readonlyMacaroonPath: %s, deadline: 5s}
                l402: {macaroonSecret: "%s", invoiceMacaroonPath: %s}
                limits: {freeRequestsPerMinute: 0, challengesPerMinutePerAddress: 100000, challengesPerMinute: 100000}
                ingest: {crawlInterval: 3s}
                probe: {payMacaroonPath: %s, cycleInterval: 2s, minInterval: 1s, targetsPerCycle: 100}
                """.formatted(KEY, pg.jdbcUrl(), pg.user(), simSettings.port(), simDir.resolve("tls.cert"),
                simDir.resolve(SimMacaroons.READONLY), SECRET, simDir.resolve(SimMacaroons.INVOICE),
                simDir.resolve(SimMacaroons.PAY));
        int apiPort = JarProcess.freePort();
        int adminPort = JarProcess.freePort();
        Path apiConfig = JarProcess.writeConfig(dir.resolve("api.yml"), apiPort, adminPort, data, common);
        Path ingestConfig = JarProcess.writeConfig(dir.resolve("ingest.yml"), JarProcess.freePort(), data, common);
        Path pipelineConfig = JarProcess.writeConfig(dir.resolve("pipeline.yml"), JarProcess.freePort(), data, common);
        HttpJson http = new HttpJson(() -> apiPort);
        List<Process> processes = new ArrayList<>();
        Process pipeline = null;
        try {
            processes.add(JarProcess.start("ingest", ingestConfig));
            pipeline = JarProcess.start("pipeline", pipelineConfig);
            Process api = JarProcess.start("server", apiConfig);
            processes.add(api);
            JarProcess.awaitUp(http, api);
            List<String> nodes = awaitNodes(http);
            List<String[]> tokens = new ArrayList<>(); // {authorization, payment hash}
            for (int i = 0; i < TOKENS; i++) {
                tokens.add(deposit(http, simSettings.port(), simDir));
            }
            Map<String, Long> bought = new ConcurrentHashMap<>();
            for (String[] t : tokens) {
                bought.put(t[1], balance(http, t[1]));
            }
            long heapBefore = heapUsed(http, adminPort);

            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
            tokens.forEach(t -> delivered.put(t[1], new AtomicInteger()));
            List<String> reportIds = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger reportTarget = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            long start = System.currentTimeMillis();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    java.util.Random random = new java.util.Random(client);
                    while (!stop.get()) {
                        try {
                            int kind = random.nextInt(10);
                            long t0 = System.nanoTime();
                            HttpJson.Reply r;
                            String route;
                            if (kind < 5) {
                                route = kind < 2 ? "/api/agents/top" : "/api/agent/{id}";
                                r = http.get(kind < 2 ? "/api/agents/top?limit=10"
                                        : "/api/agent/" + nodes.get(random.nextInt(nodes.size())));
                            } else if (kind < 8) {
                                route = "/api/profile/{id}";
                                String[] token = tokens.get(random.nextInt(tokens.size()));
                                r = http.get("/api/profile/" + nodes.get(random.nextInt(nodes.size())),
                                        "Authorization", token[0]);
                                if (r.status() == 200) {
                                    delivered.get(token[1]).incrementAndGet();
                                }
                            } else {
                                route = "/api/report";
                                int i = reportTarget.getAndIncrement();
                                if (i >= nodes.size()) {
                                    continue; // one report per target and hour from our one key
                                }
                                r = http.post("/api/report", "{\"target\":\"" + nodes.get(i)
                                        + "\",\"outcome\":\"success\",\"amountSats\":1000}", "X-API-Key", KEY);
                                if (r.status() == 201) {
                                    reportIds.add(r.body().at("/data/reportId").asText());
                                }
                            }
                            samples.add(new Sample(System.currentTimeMillis() - start, r.status(),
                                    (System.nanoTime() - t0) / 1000, route));
                        } catch (Exception e) {
                            samples.add(new Sample(System.currentTimeMillis() - start, -1, 0, e.toString()));
                        }
                    }
                });
                t.start();
                clients.add(t);
            }

            // faults, spread over the run
            List<String> faults = new ArrayList<>();
            List<long[]> faultWindows = new ArrayList<>();
            long step = seconds * 1000 / 4;
            int round = 0;
            while (System.currentTimeMillis() - start < seconds * 1000 - step / 2) {
                Thread.sleep(Math.max(0, step - (System.currentTimeMillis() - start) % step));
                long from = System.currentTimeMillis() - start;
                switch (round++ % 3) {
                    case 0 -> {
                        pg.close();
                        Thread.sleep(2_000);
                        pg = EmbeddedDatabase.start(dir.resolve("pg"), pgPort);
                        faults.add("postgres restart");
                    }
                    case 1 -> {
                        sim.close();
                        Thread.sleep(2_000);
                        sim = LndSimServer.start(simSettings, Clock.systemUTC());
                        faults.add("lnd restart");
                    }
                    default -> {
                        pipeline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        pipeline = JarProcess.start("pipeline", pipelineConfig);
                        faults.add("pipeline SIGKILL");
                    }
                }
                long to = System.currentTimeMillis() - start;
                faults.set(faults.size() - 1, faults.get(faults.size() - 1) + " at " + from / 1000 + " s ("
                        + (to - from) + " ms)");
                faultWindows.add(new long[] {from, to + 5_000});
            }
            Thread.sleep(Math.max(0, seconds * 1000 - (System.currentTimeMillis() - start)));
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }

            // no 5xx but 503, no request refused at the socket (the api never went away)
            List<Sample> all = new ArrayList<>(samples);
            assertThat(all).isNotEmpty();
            assertThat(all).filteredOn(s -> s.status() == -1).as("connection failures").isEmpty();
            assertThat(all).filteredOn(s -> s.status() >= 500 && s.status() != 503).as("5xx other than 503").isEmpty();
            // every balance exact: bought minus answers delivered
            for (String[] t : tokens) {
                assertThat(balance(http, t[1])).as("token " + t[1])
                        .isEqualTo(bought.get(t[1]) - delivered.get(t[1]).get());
            }
            // every 201 report reaches the tables once, once the pipeline caught up
            Jdbi jdbi = Jdbi.create(pg.jdbcUrl(), pg.user(), "");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            long counted = -1;
            while (Instant.now().isBefore(deadline)) {
                try {
                    counted = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM reports").mapTo(Long.class).one());
                } catch (RuntimeException notYet) {
                    counted = -1;
                }
                if (counted >= reportIds.size()) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(reportIds).as("reports accepted").isNotEmpty();
            assertThat(counted).as("reports in the tables").isEqualTo(reportIds.size());
            // heap after ≈ heap before (after a full GC the api holds what it held)
            long heapAfter = heapUsed(http, adminPort);
            assertThat(heapAfter).as("heap after (bytes) vs before " + heapBefore)
                    .isLessThan(heapBefore + Math.max(heapBefore / 2, 32L * 1024 * 1024));

            report(all, faults, faultWindows, seconds, heapBefore, heapAfter);
        } finally {
            for (Process p : processes) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (pipeline != null) {
                pipeline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            sim.close();
            pg.close();
        }
    }

    /** The figures for docs/benchmarks.md, on stdout. */
    private static void report(List<Sample> all, List<String> faults, List<long[]> windows, long seconds,
                               long heapBefore, long heapAfter) {
        List<Long> during = new ArrayList<>();
        List<Long> outside = new ArrayList<>();
        for (Sample s : all) {
            boolean inFault = windows.stream().anyMatch(w -> s.atMs() >= w[0] && s.atMs() <= w[1]);
            (inFault ? during : outside).add(s.micros());
        }
        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        all.forEach(s -> byStatus.merge(s.status(), 1L, Long::sum));
        Map<String, Long> unavailable = new java.util.TreeMap<>();
        all.stream().filter(s -> s.status() == 503)
                .forEach(s -> unavailable.merge(s.route() + " @" + s.atMs() / 5000 * 5 + "s", 1L, Long::sum));
        System.out.println("SOAK 503s by route and 5-second window: " + unavailable);
        System.out.printf(Locale.ROOT, "SOAK %d s: %d requests (%.0f/s), statuses %s, faults %s;"
                        + " p99 %.1f ms during faults, %.1f ms outside; heap %d -> %d MB%n", seconds, all.size(),
                all.size() / (double) seconds, byStatus, faults, p99(during) / 1000.0, p99(outside) / 1000.0,
                heapBefore >> 20, heapAfter >> 20);
    }

    private static double p99(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
    }

    private static List<String> awaitNodes(HttpJson http) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            HttpJson.Reply top = http.get("/api/agents/top?limit=100");
            if (top.status() == 200 && top.body().at("/meta/total").asInt() >= 100) {
                List<String> nodes = new ArrayList<>();
                for (int offset = 0; offset < 300; offset += 100) {
                    http.get("/api/agents/top?limit=100&offset=" + offset).body().get("data")
                            .forEach(n -> nodes.add(n.get("publicKey").asText()));
                }
                return nodes;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no ranked nodes within 120 s");
    }

    private static String[] deposit(HttpJson http, int simPort, Path simDir) throws Exception {
        HttpJson.Reply issued = http.post("/api/deposit", "{\"amount\":10000}");
        assertThat(issued.status()).as(String.valueOf(issued.body())).isEqualTo(402);
        String preimage = SimPayClient.pay(new LndEndpoint("localhost", simPort, simDir.resolve("tls.cert"),
                simDir.resolve(SimMacaroons.PAY), Duration.ofSeconds(10)), issued.body().at("/data/invoice").asText())
                .preimageHex();
        String hash = issued.body().at("/data/paymentHash").asText();
        HttpJson.Reply redeemed = http.post("/api/deposit", "{\"paymentHash\":\"" + hash + "\",\"preimage\":\""
                + preimage + "\"}");
        assertThat(redeemed.status()).isEqualTo(201);
        return new String[] {redeemed.body().at("/data/token").asText(), hash};
    }

    private static long balance(HttpJson http, String hash) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            HttpJson.Reply r = http.get("/api/deposit/" + hash);
            if (r.status() == 200) {
                return r.body().at("/data/balanceCredits").asLong();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("balance unavailable: " + r.status());
            }
            Thread.sleep(250);
        }
    }

    /** The api's used heap after a full collection (Dropwizard's gc task on the admin port), from its metrics. */
    private static long heapUsed(HttpJson http, int adminPort) throws Exception {
        for (int i = 0; i < 2; i++) {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + adminPort + "/tasks/gc"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        HttpJson.Reply metrics = http.get("/metrics");
        return (long) PrometheusText.value(metrics.raw().body(), "jvm_memory_used_bytes{area=\"heap\"}").orElse(0);
    }
}
