package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.ProbeClient;
import com.satrank.ingest.probe.ProbeSettings;
import com.satrank.ingest.probe.Prober;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.MutableClock;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores against lnd-sim's hidden truth: a few simulated days of real probes over gRPC into real
 * logs, the real pipeline into real Postgres, then p_success compared with the true probability
 * of a 1 000-sat payment. Prints MAE and the expected calibration error (10 bins).
 */
class ScoringCalibrationIT {
    static final int NODES = 2000;
    static final int CYCLES = Integer.getInteger("satrank.calibration.cycles", 40);

    @Test
    void p_success_tracks_the_hidden_truth_and_verdicts_are_right(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
        long started = System.nanoTime();
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir.resolve("sim"), 2026, NODES, NODES * 3, null), clock);
             LndGraphClient graph = new LndGraphClient(endpoint(sim), new LndStatus(com.satrank.metrics.Metrics.detached()));
             ProbeClient probes = new ProbeClient(endpoint(sim), sim.macaroonPath(SimMacaroons.PAY),
                     new LndStatus(com.satrank.metrics.Metrics.detached()));
             ChronicleEventLog graphLog = ChronicleEventLog.open(dir.resolve("data"), LogStream.GRAPH, clock);
             ChronicleEventLog probeLog = ChronicleEventLog.open(dir.resolve("data"), LogStream.PROBES, clock)) {
            GraphCrawler crawler = new GraphCrawler(graph, graphLog.appender("ingest", null), clock, Duration.ofDays(1));
            try (Prober prober = new Prober(probes, probeLog.appender("prober", null), crawler::lastNodePubkeys, Set::of,
                    clock, new ProbeSettings(NODES + 1, Duration.ofHours(1), 4, Duration.ofMinutes(10)))) {
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    prober.runCycle();
                    clock.advance(Duration.ofHours(1));
                    crawler.crawlOnce();
                }
            }
            long probed = System.nanoTime();

            PostgresFixture.Db db = PostgresFixture.freshDatabase();
            Jdbi jdbi = Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
            try (ChronicleEventLog g = ChronicleEventLog.open(dir.resolve("data"), LogStream.GRAPH, Clock.systemUTC());
                 ChronicleEventLog p = ChronicleEventLog.open(dir.resolve("data"), LogStream.PROBES, Clock.systemUTC())) {
                ScoringPipeline.everyPass(g, p, null, new JdbiScoreStore(jdbi)).drain();
            }
            List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("""
                    SELECT n.pubkey, s.p_success, s.n_obs, s.verdict FROM node_scores s JOIN nodes n USING (node_id)
                    WHERE s.n_obs > 0""").mapToMap().list());

            int bins = 10;
            double[] predSum = new double[bins];
            double[] truthSum = new double[bins];
            int[] count = new int[bins];
            double absErr = 0;
            int safe = 0;
            int safeRight = 0;
            int risky = 0;
            int riskyRight = 0;
            for (Map<String, Object> r : rows) {
                double p = ((Number) r.get("p_success")).doubleValue();
                double truth = sim.trueSuccessProbability(((String) r.get("pubkey")).trim(), 1000);
                absErr += Math.abs(p - truth);
                int b = Math.min(bins - 1, (int) (p * bins));
                predSum[b] += p;
                truthSum[b] += truth;
                count[b]++;
                if ("SAFE".equals(r.get("verdict"))) {
                    safe++;
                    safeRight += truth >= 0.8 ? 1 : 0;
                } else if ("RISKY".equals(r.get("verdict"))) {
                    risky++;
                    riskyRight += truth <= 0.5 ? 1 : 0;
                }
            }
            double ece = 0;
            for (int b = 0; b < bins; b++) {
                if (count[b] > 0) {
                    ece += count[b] / (double) rows.size() * Math.abs(predSum[b] / count[b] - truthSum[b] / count[b]);
                }
            }
            double mae = absErr / rows.size();
            System.out.printf("calibration: %d probed nodes, %d cycles; MAE %.4f, ECE(10 bins) %.4f; SAFE %d "
                            + "(%.1f%% truly ≥ 0.8), RISKY %d (%.1f%% truly ≤ 0.5); probing %.0f s, scoring %.0f s%n",
                    rows.size(), CYCLES, mae, ece, safe, 100.0 * safeRight / Math.max(1, safe), risky,
                    100.0 * riskyRight / Math.max(1, risky), (probed - started) / 1e9, (System.nanoTime() - probed) / 1e9);
            assertThat(rows.size()).isGreaterThanOrEqualTo(NODES - 200);
            assertThat(ece).as("expected calibration error").isLessThanOrEqualTo(0.05);
            assertThat(safe).isPositive();
            assertThat(safeRight / (double) safe).as("SAFE nodes truly ≥ 0.8").isGreaterThanOrEqualTo(0.95);
            assertThat(risky).isPositive();
            assertThat(riskyRight / (double) risky).as("RISKY nodes truly ≤ 0.5").isGreaterThanOrEqualTo(0.90);
        }
    }

    private static LndEndpoint endpoint(LndSimServer sim) {
        return new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), sim.macaroonPath(SimMacaroons.READONLY),
                Duration.ofSeconds(30));
    }
}
