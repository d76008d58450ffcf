package com.satrank.app.calibration;

import com.satrank.db.EmbeddedDatabase;
import com.satrank.db.Migrations;
import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.ingest.probe.ProbeSettings;
import com.satrank.ingest.probe.Prober;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.ProbeClient;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.metrics.Metrics;
import com.satrank.model.amount.LiquidityCurve;
import com.satrank.model.amount.NodeReliability;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.serving.db.NodeQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * One calibration run: lnd-sim with its hidden per-node truth, the real crawler and prober over real
 * gRPC into real logs, the real pipeline into an embedded Postgres, in simulated event time (an hour
 * a probe round). At each horizon the API's own answer for each amount (the stored reliability
 * posterior scaled by the stored liquidity curve, exactly as the routes compute it) is judged
 * against the sim's truth for that amount at that moment. The model never sees the truth.
 */
public final class CalibrationRun {
    /** What to run. */
    public record Settings(long seed, int nodes, int channels, List<Integer> hours, List<Long> amountsSat,
                           Path workDir, Path csv) {
        public Settings {
            if (hours.isEmpty() || amountsSat.isEmpty()) {
                throw new IllegalArgumentException("at least one horizon and one amount");
            }
            hours = hours.stream().sorted().distinct().toList();
            amountsSat = List.copyOf(amountsSat);
            for (int h : hours) {
                if (h < 1 || h > 24 * 30) {
                    throw new IllegalArgumentException("horizons are 1 to 720 hours, got " + h);
                }
            }
            for (long a : amountsSat) {
                if (a < 1 || a > 21_000_000L * 100_000_000L) {
                    throw new IllegalArgumentException("amounts are positive sats, got " + a);
                }
            }
        }
    }

    /** The figures for one horizon and amount. */
    public record Row(int hours, long amountSats, CalibrationMetrics.Result result) {
    }

    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");

    private CalibrationRun() {
    }

    /** Runs the whole thing; each (horizon, amount) row goes to {@code out} as soon as it is known. */
    public static List<Row> run(Settings settings, Consumer<Row> out, Consumer<String> progress) {
        SimulatedHours clock = new SimulatedHours(START);
        Path dir = settings.workDir();
        List<Row> rows = new ArrayList<>();
        try (LndSimServer sim = LndSimServer.start(new LndSimSettings("127.0.0.1", 0, dir.resolve("sim"),
                settings.seed(), settings.nodes(), settings.channels(), null), clock);
             LndGraphClient graph = new LndGraphClient(endpoint(sim), new LndStatus(Metrics.detached()));
             ProbeClient probes = new ProbeClient(endpoint(sim), sim.macaroonPath(SimMacaroons.PAY),
                     new LndStatus(Metrics.detached()));
             ChronicleEventLog graphLog = ChronicleEventLog.open(dir.resolve("data"), LogStream.GRAPH, clock);
             ChronicleEventLog probeLog = ChronicleEventLog.open(dir.resolve("data"), LogStream.PROBES, clock);
             EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            Migrations.migrate(db.jdbcUrl(), db.user(), "");
            Jdbi jdbi = Jdbi.create(db.jdbcUrl(), db.user(), "").installPlugin(new SqlObjectPlugin());
            ScoringPipeline pipeline = ScoringPipeline.everyPass(graphLog, probeLog, null, new JdbiScoreStore(jdbi));
            GraphCrawler crawler = new GraphCrawler(graph, graphLog.appender("calibrate", null), clock,
                    Duration.ofDays(1));
            crawler.crawlOnce();
            int cores = Runtime.getRuntime().availableProcessors();
            try (Prober prober = new Prober(probes, probeLog.appender("calibrate-prober", null),
                    crawler::lastNodePubkeys, Set::of, clock,
                    new ProbeSettings(settings.nodes() + 1, Duration.ofMinutes(30), Math.max(4, 2 * cores),
                            Duration.ofHours(1)))) {
                int done = 0;
                for (int horizon : settings.hours()) {
                    while (done < horizon) {
                        prober.runCycle();
                        clock.advance(Duration.ofHours(1));
                        crawler.crawlOnce();
                        done++;
                        progress.accept("probe round " + done + " of " + settings.hours().get(settings.hours().size() - 1));
                    }
                    pipeline.drain();
                    for (long amount : settings.amountsSat()) {
                        List<CalibrationMetrics.Judged> judged = judge(jdbi, sim, amount);
                        if (settings.csv() != null) {
                            appendCsv(settings.csv(), horizon, amount, judged);
                        }
                        Row row = new Row(horizon, amount, CalibrationMetrics.of(judged));
                        rows.add(row);
                        out.accept(row);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        }
        return rows;
    }

    /** Every scored node's answer for {@code amountSat}, read back from the tables, beside the sim's truth now. */
    private static List<CalibrationMetrics.Judged> judge(Jdbi jdbi, LndSimServer sim, long amountSat) {
        return jdbi.withHandle(h -> {
            LiquidityCurve curve = h.attach(NodeQueries.class).liquidityCurve();
            return h.createQuery("""
                    SELECT n.pubkey, s.reliability, s.reliability_ci95_low, s.reliability_ci95_high, s.n_obs,
                           s.max_channel_sat, s.other_sources_agreeing
                    FROM node_scores s JOIN nodes n USING (node_id) ORDER BY n.pubkey""")
                    .map((rs, ctx) -> {
                        NodeReliability r = new NodeReliability(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getLong(6), rs.getInt(7));
                        NodeReliability.AmountAnswer a = r.at(amountSat, curve);
                        return new CalibrationMetrics.Judged(a.pSuccess(), a.ci95Low(), a.ci95High(), a.verdict(),
                                sim.trueSuccessProbability(rs.getString(1).trim(), amountSat));
                    }).list();
        });
    }

    /** Every answer beside its truth, for an analyst's own plots: hours,amount_sat,p,ci95_low,ci95_high,verdict,truth. */
    private static void appendCsv(Path csv, int hours, long amount, List<CalibrationMetrics.Judged> judged) {
        StringBuilder s = new StringBuilder();
        try {
            if (!Files.exists(csv)) {
                s.append("hours,amount_sat,p,ci95_low,ci95_high,verdict,truth\n");
            }
            for (CalibrationMetrics.Judged j : judged) {
                s.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%s,%.6f%n", hours, amount, j.p(),
                        j.ci95Low(), j.ci95High(), j.verdict(), j.truth()));
            }
            Files.writeString(csv, s, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LndEndpoint endpoint(LndSimServer sim) {
        return new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), sim.macaroonPath(SimMacaroons.READONLY),
                Duration.ofSeconds(30));
    }
}
