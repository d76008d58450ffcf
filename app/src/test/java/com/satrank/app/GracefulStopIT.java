package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import com.satrank.pipeline.GraphLogFixtures;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to each process mode while it is busy: it stops in order (HTTP first, then loops joined,
 * then logs, then the database), logs no exception, leaves nothing half-written, and the next start
 * resumes from its checkpoints.
 */
class GracefulStopIT {
    private static final String KEY = "stop-test-api-key-0123456789abcdef";

    @Test
    void ingest_finishes_the_crawl_and_probes_in_flight_and_the_next_start_goes_on(@TempDir Path dir)
            throws Exception {
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir.resolve("lnd"), 11, 15000, 50000, null), Clock.systemUTC())) {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            Path config = JarProcess.writeConfig(dir.resolve("ingest.yml"), JarProcess.freePort(), data, """
                    lnd: {host: localhost, port: %d, tlsCertPath: "%s", readonlyMacaroonPath: "%s"}
                    ingest: {crawlInterval: 1s, keyframeEvery: 1s}
                    probe: {payMacaroonPath: "%s", cycleInterval: 1s, minInterval: 1s, targetsPerCycle: 2000}
                    """.formatted(sim.port(), sim.tlsCertPath(), sim.macaroonPath(SimMacaroons.READONLY),
                    sim.macaroonPath(SimMacaroons.PAY)));
            Process ingest = JarProcess.start("ingest", config);
            try {
                awaitTrue("a snapshot completed and probes were logged", ingest,
                        () -> !LogReads.completedSnapshots(data).isEmpty() && count(data, LogStream.PROBES) > 0);
                long probesBefore = count(data, LogStream.PROBES);
                terminateMidSnapshot(data, ingest);
                assertThat(count(data, LogStream.PROBES)).as("probing was going on").isGreaterThan(probesBefore);
            } finally {
                ingest.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertCleanLog(dir.resolve("ingest.log"));
            assertThat(crawlInFlight(data)).as("the crawl in flight finished before the log closed").isFalse();
            assertThat(undecodable(data, LogStream.PROBES)).isZero();

            Set<Long> before = LogReads.completedSnapshots(data);
            Process again = JarProcess.start("ingest", config);
            try {
                awaitTrue("the restarted ingest completes a snapshot", again,
                        () -> LogReads.completedSnapshots(data).size() > before.size());
            } finally {
                terminate(again);
            }
            assertCleanLog(dir.resolve("ingest.log"));
        }
    }

    @Test
    void the_pipeline_commits_the_pass_being_written_and_resumes_from_its_checkpoint(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        GraphLogFixtures.writeLog(data, 2000, 6000, 32, Duration.ofMinutes(30), 100);
        PostgresFixture.Db reference = PostgresFixture.freshDatabase();
        try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC())) {
            ScoringPipeline.everyPass(g, p, null, new JdbiScoreStore(jdbi(reference))).drain();
        }
        long end = checkpoint(reference);

        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        Path config = JarProcess.writeConfig(dir.resolve("pipeline.yml"), JarProcess.freePort(), data, """
                database: {url: "%s", user: %s, password: "%s"}
                """.formatted(db.url(), db.user(), db.password()));
        Process pipeline = JarProcess.start("pipeline", config);
        long stoppedAt;
        try {
            awaitTrue("passes are being written", pipeline, () -> checkpoint(db) >= 0);
            long first = checkpoint(db);
            awaitTrue("another pass committed", pipeline, () -> checkpoint(db) > first);
            terminate(pipeline);
            stoppedAt = checkpoint(db);
        } finally {
            pipeline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertCleanLog(dir.resolve("pipeline.log"));
        assertThat(stoppedAt).as("stopped before the end of the log").isLessThan(end);

        Process again = JarProcess.start("pipeline", config);
        try {
            awaitTrue("the restarted pipeline reaches the end of the log", again, () -> checkpoint(db) == end);
        } finally {
            terminate(again);
        }
        assertCleanLog(dir.resolve("pipeline.log"));
        for (String table : List.of("nodes", "node_scores", "node_score_history", "network_stats",
                "pipeline_checkpoint")) {
            assertThat(db.dump(table)).as(table).isEqualTo(reference.dump(table));
        }
    }

    @Test
    void the_api_answers_or_refuses_requests_in_flight_but_never_fails_them(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        GraphLogFixtures.writeLog(data, 60, 150, 1, Duration.ofHours(1), 0);
        PostgresFixture.Db db = PostgresFixture.freshDatabase();
        int port = JarProcess.freePort();
        Path config = JarProcess.writeConfig(dir.resolve("api.yml"), port, data, """
                apiKey: %s
                limits: {freeRequestsPerMinute: 0}
                database: {url: "%s", user: %s, password: "%s"}
                """.formatted(KEY, db.url(), db.user(), db.password()));
        HttpJson http = new HttpJson(() -> port);
        Process api = JarProcess.start(config);
        List<Integer> statuses;
        try {
            JarProcess.awaitUp(http, api);
            statuses = underLoad(http, () -> terminate(api));
        } finally {
            api.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(statuses).as("requests answered before the stop").isNotEmpty().allMatch(s -> s < 500);
        assertCleanLog(dir.resolve("api.log"));

        Process again = JarProcess.start(config);
        try {
            JarProcess.awaitUp(http, again);
            assertThat(http.get("/api/stats").status()).isEqualTo(200);
        } finally {
            terminate(again);
        }
        assertCleanLog(dir.resolve("api.log"));
    }

    @Test
    void the_demo_stops_every_part_cleanly_and_starts_again_from_its_logs(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int port = JarProcess.freePort();
        Path config = JarProcess.writeConfig(dir.resolve("demo.yml"), port, data, """
                apiKey: %s
                limits: {freeRequestsPerMinute: 0}
                sim: {seed: 5, nodes: 2000, channels: 6000, port: %d}
                ingest: {crawlInterval: 2s}
                probe: {cycleInterval: 1s, minInterval: 1s}
                """.formatted(KEY, JarProcess.freePort()));
        HttpJson http = new HttpJson(() -> port);
        Process demo = JarProcess.start("demo", config);
        List<Integer> statuses;
        try {
            JarProcess.awaitUp(http, demo);
            awaitTrue("the pipeline scored the graph and probes ran", demo,
                    () -> nodes(http) > 0 && count(data, LogStream.PROBES) > 0);
            statuses = underLoad(http, () -> terminate(demo));
        } finally {
            demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(statuses).isNotEmpty().allMatch(s -> s < 500);
        assertCleanLog(dir.resolve("demo.log"));
        assertThat(crawlInFlight(data)).isFalse();

        Process again = JarProcess.start("demo", config);
        try {
            JarProcess.awaitUp(http, again);
            assertThat(nodes(http)).as("scores kept across the restart").isPositive();
        } finally {
            terminate(again);
        }
        assertCleanLog(dir.resolve("demo.log"));
    }

    /** GETs from four threads until {@code stop} has run and the port refuses; the statuses answered. */
    private static List<Integer> underLoad(HttpJson http, ThrowingRunnable stop) throws Exception {
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopped = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String path = i % 2 == 0 ? "/api/stats" : "/api/agents/top?limit=5";
            Thread t = new Thread(() -> {
                while (!stopped.get()) {
                    try {
                        HttpJson.Reply reply = http.get(path);
                        if (!refusedWhileStopping(reply)) {
                            statuses.add(reply.status());
                            if (reply.status() >= 500) {
                                System.out.println("GracefulStopIT: " + reply.status() + " " + reply.raw().headers().map()
                                        + " " + reply.raw().body());
                            }
                        }
                    } catch (Exception refused) {
                        // the port closed under us: a refused request is fine, a failed one is not
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        Thread.sleep(1500);
        try {
            stop.run();
        } finally {
            stopped.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }
        }
        return List.copyOf(statuses);
    }

    /**
     * Jetty's answer to a request that arrives on an open keep-alive connection once the graceful
     * stop has begun: 503 and the connection closed, before any route runs. A refusal, not a failure
     * (a 503 from a route keeps the connection open); it too is our JSON envelope.
     */
    private static boolean refusedWhileStopping(HttpJson.Reply reply) {
        boolean refused = reply.status() == 503 && "close".equalsIgnoreCase(reply.header("connection"));
        if (refused) {
            assertThat(reply.body()).as("Jetty's refusal in our envelope").isNotNull();
            assertThat(reply.body().at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        }
        return refused;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** SIGTERM once a snapshot has started and the log holds no completion for it yet. */
    private static void terminateMidSnapshot(Path data, Process ingest) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog.Tailer tailer = log.tailer().seekAfter(log.lastPosition())) {
            long open = -1;
            while (Instant.now().isBefore(deadline) && ingest.isAlive()) {
                Optional<LoggedEvent> next = tailer.next();
                if (next.isEmpty()) {
                    if (open >= 0) {
                        terminate(ingest);
                        return;
                    }
                    Thread.sleep(1);
                } else if (next.get().event().hasGraphSnapshotStarted()) {
                    open = next.get().event().getGraphSnapshotStarted().getSnapshotId();
                } else if (next.get().event().hasGraphSnapshotCompleted()) {
                    open = -1;
                }
            }
        }
        throw new AssertionError("no crawl was caught in flight");
    }

    /** SIGTERM, then a bounded wait: the JVM's shutdown hook stops Dropwizard, which stops the parts. */
    private static void terminate(Process process) throws Exception {
        process.destroy();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s of SIGTERM").isTrue();
    }

    private static void assertCleanLog(Path log) throws Exception {
        List<String> bad = Files.readAllLines(log).stream()
                .filter(l -> l.contains("Exception") || l.contains("ERROR") || l.contains("did not finish"))
                .toList();
        assertThat(bad).as("problems logged in %s", log).isEmpty();
    }

    private static void awaitTrue(String what, Process process, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("the process is still running, waiting for: " + what).isTrue();
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static long nodes(HttpJson http) {
        try {
            var stats = http.get("/api/stats");
            return stats.status() == 200 ? stats.body().path("data").path("totalAgents").asLong() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static Jdbi jdbi(PostgresFixture.Db db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }

    private static long checkpoint(PostgresFixture.Db db) {
        return db.count("pipeline_checkpoint") == 0 ? -1 : jdbi(db).withHandle(h -> h.createQuery(
                "SELECT log_index FROM pipeline_checkpoint WHERE stream = 'graph'").mapTo(Long.class).one());
    }

    /** Whether the graph log's last started snapshot has no completion after it. */
    private static boolean crawlInFlight(Path data) {
        long[] open = {-1};
        LogReads.forEach(data, LogStream.GRAPH, e -> {
            if (e.hasGraphSnapshotStarted()) {
                open[0] = e.getGraphSnapshotStarted().getSnapshotId();
            } else if (e.hasGraphSnapshotCompleted() && e.getGraphSnapshotCompleted().getSnapshotId() == open[0]) {
                open[0] = -1;
            }
        });
        return open[0] >= 0;
    }

    private static long count(Path data, LogStream stream) {
        long[] n = {0};
        LogReads.forEach(data, stream, e -> n[0]++);
        return n[0];
    }

    private static long undecodable(Path data, LogStream stream) {
        try (ChronicleEventLog log = ChronicleEventLog.open(data, stream, Clock.systemUTC());
             ChronicleEventLog.Tailer tailer = log.tailer().seekAfter(LogPosition.BEFORE_START)) {
            Optional<LoggedEvent> next;
            do {
                next = tailer.next();
            } while (next.isPresent());
            return tailer.undecodableCount();
        }
    }
}
