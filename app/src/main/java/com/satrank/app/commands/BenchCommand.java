package com.satrank.app.commands;

import com.satrank.events.v1.Event;
import com.satrank.graph.GraphSnapshot;
import com.satrank.ingest.graph.SnapshotEvents;
import com.satrank.lndclient.DescribedGraph;
import com.satrank.lndsim.SimGraph;
import com.satrank.lndsim.SimGraphGenerator;
import com.satrank.lndsim.SimIdentity;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.l402.L402Tokens;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.scoring.GraphMetrics;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bench}: measures the graph path end to end on a sim graph without LND in the loop: keyframe
 * and delta sizes in a real Chronicle queue, keyframe ingest time (map + diff + encode + append),
 * pipeline fold, metrics and a full scoring pass, and the paid-request path on embedded Postgres.
 * Prints medians of several runs after warm-up. Micro-benchmarks (PageRank, betweenness, L402
 * verification, log append) are JMH benchmarks in the bench module.
 */
public class BenchCommand extends Command {
    public BenchCommand() {
        super("bench", "Benchmark graph ingest, log sizes and graph scoring on a simulated graph");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--nodes").type(Integer.class).setDefault(15_000);
        subparser.addArgument("--channels").type(Integer.class).setDefault(50_000);
        subparser.addArgument("--runs").type(Integer.class).setDefault(5);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        int nodes = ns.getInt("nodes");
        int channels = ns.getInt("channels");
        int runs = ns.getInt("runs");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SimGraph sim = new SimGraphGenerator(21, t0).generate(nodes, channels, SimIdentity.fromSeed(21).publicKey())
                .evolving(21);
        DescribedGraph lndGraph = sim.describedAt(t0);
        DescribedGraph later = sim.describedAt(t0.plus(Duration.ofMinutes(15)));
        System.out.printf("graph: %d nodes, %d channels; %d cores; java %s%n", lndGraph.nodeCount(),
                lndGraph.channelCount(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        Path dir = Files.createTempDirectory("satrank-bench");
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.GRAPH, Clock.systemUTC())) {
            EventAppender appender = log.appender("bench", null);
            GraphSnapshot snapshot = lndGraph.toSnapshot();
            GraphSnapshot moved = later.toSnapshot();

            long before = log.bytesAppended();
            appendAll(appender, SnapshotEvents.keyframe(1, snapshot, 0));
            long keyframeBytes = log.bytesAppended() - before;
            before = log.bytesAppended();
            appendAll(appender, SnapshotEvents.delta(2, 1, snapshot, snapshot, 0));
            long unchangedBytes = log.bytesAppended() - before;
            before = log.bytesAppended();
            appendAll(appender, SnapshotEvents.delta(3, 2, snapshot, moved, 0));
            long movedBytes = log.bytesAppended() - before;
            System.out.printf("log: keyframe %.2f MB, unchanged delta %d B, 15-min delta %.1f KB (payload bytes)%n",
                    keyframeBytes / 1e6, unchangedBytes, movedBytes / 1e3);
            System.out.printf("log: queue files on disk after 3 snapshots: %.2f MB (sparse, memory-mapped)%n",
                    diskUsage(dir) / 1e6);

            long[] id = {10};
            double ingestMs = median(runs, () -> {
                GraphSnapshot s = lndGraph.toSnapshot();
                appendAll(appender, SnapshotEvents.keyframe(id[0]++, s, 0));
                return null;
            });
            System.out.printf("ingest: keyframe map+diff+encode+append median %.0f ms%n", ingestMs);

            List<Event> events = readAll(log);
            GraphState[] state = new GraphState[1];
            double foldMs = median(runs, () -> {
                state[0] = new GraphState();
                events.forEach(state[0]::apply);
                return null;
            });
            System.out.printf("pipeline: fold of %d events (%d keyframes, digest-checked) median %.0f ms%n",
                    events.size(), events.stream().filter(e -> e.hasGraphSnapshotStarted()
                            && e.getGraphSnapshotStarted().getKeyframe()).count(), foldMs);
            double metricsMs = median(runs, () -> GraphMetrics.compute(state[0]));
            System.out.printf("pipeline: node metrics incl. PageRank median %.0f ms%n", metricsMs);
            benchScoringPass(state[0], runs);
        }
        benchPaidPath();
    }

    /**
     * One scoring pass as the pipeline runs it: graph metrics (PageRank, 512-pivot betweenness) and,
     * for every node, the posterior, composite and activity, each node with three days of hourly
     * evidence (route and payment probe outcomes, deliveries with latency and hops). PageRank and
     * betweenness are also timed alone, and exact betweenness once.
     */
    private static void benchScoringPass(GraphState state, int runs) {
        java.util.Map<com.google.protobuf.ByteString, com.satrank.pipeline.evidence.NodeEvidence> evidence =
                new java.util.HashMap<>();
        long asOf = 1_800_000_000_000L;
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (var pubkey : state.nodes().keySet()) {
            var e = new com.satrank.pipeline.evidence.NodeEvidence();
            for (int h = 0; h < 72; h++) {
                long t = asOf - h * 3_600_000L;
                e.add(com.satrank.pipeline.evidence.EvidenceSource.ROUTE, t, r.nextDouble() < 0.95);
                boolean delivered = r.nextDouble() < 0.8;
                e.add(com.satrank.pipeline.evidence.EvidenceSource.PROBE, t, delivered);
                if (delivered) {
                    e.addDelivery(t, 200 + r.nextInt(400), 2 + r.nextInt(4));
                }
            }
            evidence.put(pubkey, e);
        }
        // PageRank and 512-pivot betweenness alone are JMH benchmarks (bench module)
        GraphMetrics.Adjacency adjacency = GraphMetrics.adjacency(state);
        long exactStart = System.nanoTime();
        adjacency.betweenness(Integer.MAX_VALUE);
        System.out.printf("pipeline: betweenness exact (all %d sources, one run) %.0f ms%n", state.nodes().size(),
                (System.nanoTime() - exactStart) / 1e6);
        var scorer = new com.satrank.pipeline.scoring.NodeScorer(state, evidence,
                com.satrank.model.ScoringParams.DEFAULT);
        double ms = median(runs, () -> {
            GraphMetrics.Result metrics = GraphMetrics.compute(state);
            return scorer.scoreAll(metrics.rows(), asOf).rows();
        });
        System.out.printf("pipeline: full scoring pass (metrics, posteriors, composite, activity for %d nodes, "
                + "72 h of evidence each) median %.0f ms%n", state.nodes().size(), ms);
    }

    /**
     * The paid-request path without HTTP: verify the L402 header, then the conditional debit on a
     * real (embedded) Postgres through a connection pool, 8 threads, 20 000 requests.
     */
    private static void benchPaidPath() throws Exception {
        Path dir = Files.createTempDirectory("satrank-bench-pg");
        try (var db = com.satrank.db.EmbeddedDatabase.start(dir)) {
            com.satrank.db.Migrations.migrate(db.jdbcUrl(), db.user(), "");
            var pool = new org.apache.tomcat.jdbc.pool.DataSource();
            pool.setUrl(db.jdbcUrl());
            pool.setUsername(db.user());
            pool.setMaxActive(16);
            pool.setInitialSize(8);
            org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(pool)
                    .installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            L402Tokens tokens = new L402Tokens(secret, "satrank", "bench");
            byte[] preimage = new byte[32];
            new java.security.SecureRandom().nextBytes(preimage);
            byte[] hash = com.satrank.model.Sha256.of(preimage);
            String hashHex = java.util.HexFormat.of().formatHex(hash);
            String header = "L402 " + tokens.mint(hash, new byte[32], 1_000_000_000L, Instant.now().plusSeconds(3600))
                    + ":" + java.util.HexFormat.of().formatHex(preimage);
            jdbi.useExtension(com.satrank.serving.billing.BillingDao.class, dao -> dao.registerChallenge(hashHex, 1_000_000));
            int total = 20_000;
            int threads = 8;
            var pool8 = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(total + 2_000);
            Runnable work = () -> {
                while (left.getAndDecrement() > 0) {
                    if (!tokens.verify(header, Instant.now()).ok() || jdbi.withExtension(
                            com.satrank.serving.billing.BillingDao.class, dao -> dao.debit(hashHex, "challenge", 1)).isEmpty()) {
                        throw new IllegalStateException("bench request refused");
                    }
                }
            };
            left.set(2_000); // warm-up
            runAll(pool8, threads, work);
            left.set(total);
            long start = System.nanoTime();
            runAll(pool8, threads, work);
            double seconds = (System.nanoTime() - start) / 1e9;
            pool8.shutdown();
            pool.close();
            System.out.printf("l402: paid-request path (verify + conditional debit, embedded Postgres, %d threads) "
                    + "%.0f req/s%n", threads, total / seconds);
        }
    }

    private static void runAll(java.util.concurrent.ExecutorService pool, int threads, Runnable work) throws Exception {
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(work));
        }
        for (var f : futures) {
            f.get();
        }
    }

    private static void appendAll(EventAppender appender, List<Event.Builder> events) {
        events.forEach(appender::append);
    }

    private static List<Event> readAll(ChronicleEventLog log) {
        var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
        var out = new java.util.ArrayList<Event>();
        for (var e = tailer.next(); e.isPresent(); e = tailer.next()) {
            out.add(e.get().event());
        }
        return out;
    }

    private static double median(int runs, Supplier<?> work) {
        work.get();
        work.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    /** Bytes of the regular files under {@code dir}. */
    static long diskUsage(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
