package com.satrank.pipeline.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.ingest.http.UrlSafety;
import com.satrank.ingest.services.EndpointDemand;
import com.satrank.ingest.services.EndpointProber;
import com.satrank.ingest.services.RegistryCrawler;
import com.satrank.ingest.services.ServiceCatalogue;
import com.satrank.ingest.services.ServiceMetrics;
import com.satrank.ingest.services.SpendingBudget;
import com.satrank.l402sim.L402SimServer;
import com.satrank.l402sim.L402SimSettings;
import com.satrank.l402sim.MerchantClient;
import com.satrank.l402sim.SimEndpoint;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.PaymentClient;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.EventLogs;
import com.satrank.metrics.Metrics;
import com.satrank.model.EndpointUrl;
import com.satrank.model.ScoringParams;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint posteriors against l402-sim's hidden truth, after the demo's default warm-up (ten minutes
 * of the demo's schedule: a free check a minute, a paid cycle every 30 s), on seeds the economy was
 * not tuned on. The scores are computed exactly as the pipeline computes them (ServiceFold →
 * EndpointScorer) from the endpoints and services logs the real crawler and prober wrote.
 */
class ServiceCalibrationIT {
    private static final int ROUNDS = 10;

    @Test
    void end_to_end_probability_is_calibrated_after_the_demo_warm_up(@TempDir Path dir) {
        // more seeds: -Dcalibration.seeds=101,202,303 (each about 15 s)
        for (String given : System.getProperty("calibration.seeds", "202").split(",")) {
            long seed = Long.parseLong(given.trim());
            Result r = run(dir.resolve("s" + seed), seed);
            System.out.printf(Locale.ROOT, "seed %d: %d endpoints, e2e ECE %.4f, bounds cover %.3f%n", seed, r.endpoints,
                    r.ece[5], r.coverage[5]);
            System.out.println("  e2e reliability (bin: n, mean predicted, mean true): " + r.diagram);
            for (int s = 0; s < 5; s++) {
                System.out.printf(Locale.ROOT, "  stage %d: ECE %.4f, ci95 coverage %.3f (n=%d)%n", s + 1, r.ece[s],
                        r.coverage[s], r.counts[s]);
            }
            assertThat(r.endpoints).isGreaterThan(200);
            assertThat(r.ece[5]).as("end-to-end ECE, seed %d", seed).isLessThanOrEqualTo(0.05);
        }
    }

    record Result(int endpoints, double[] ece, double[] coverage, int[] counts, String diagram) {
    }

    private static Result run(Path dir, long seed) {
        MutableClock clock = new MutableClock(Instant.parse("2026-07-01T00:00:00Z"));
        try (LndSimServer lnd = LndSimServer.start(new LndSimSettings("127.0.0.1", 0, dir.resolve("lnd"), seed, 1500,
                     4500, null).withMerchants(40), clock);
             L402SimServer sim = L402SimServer.start(new L402SimSettings("127.0.0.1", 0, 6, 300, seed, 0),
                     new MerchantClient(endpoint(lnd, SimMacaroons.ADMIN)), clock);
             EventLogs logs = EventLogs.open(dir.resolve("data"), clock);
             SafeHttp http = new SafeHttp(new UrlSafety(true), Duration.ofSeconds(2), 32);
             PaymentClient payments = new PaymentClient(endpoint(lnd, SimMacaroons.PAY), lnd.macaroonPath(SimMacaroons.PAY),
                     new LndStatus(Metrics.detached()))) {
            ServicesConfig config = new ObjectMapper().convertValue(Map.of("enabled", true), ServicesConfig.class);
            config.useDemoEconomy(List.of(new ServicesConfig.Registry("402index", sim.registryUrl()),
                    new ServicesConfig.Registry("l402directory", sim.directoryUrl())));
            ServiceCatalogue catalogue = new ServiceCatalogue();
            ServiceMetrics metrics = ServiceMetrics.detached();
            RegistryCrawler crawler = new RegistryCrawler(config, http, logs.services().appender("registry", null),
                    catalogue, metrics);
            EndpointProber prober = new EndpointProber(config, catalogue, http, logs.endpoints().appender("prober", null),
                    new EndpointDemand(logs.queries()), payments, () -> new byte[33],
                    new SpendingBudget(config.maxSatsPerProbe() + config.feeLimitSats(), config.cycleBudgetSats(),
                            config.dailyBudgetSats(), clock), metrics, clock);
            crawler.crawlOnce();
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                prober.checkOnce(() -> false);
                long t1 = System.nanoTime();
                prober.paidOnce(() -> false);
                System.out.printf(Locale.ROOT, "round %d: checks %.1f s, paid %.1f s%n", round, (t1 - t0) / 1e9,
                        (System.nanoTime() - t1) / 1e9);
                clock.advance(Duration.ofSeconds(30));
                prober.paidOnce(() -> false);
                clock.advance(Duration.ofSeconds(30));
            }
            ServiceFold fold = new ServiceFold();
            for (var log : List.of(logs.services(), logs.endpoints())) {
                log.forEachEvent(logged -> fold.apply(logged.event()));
            }
            var scored = EndpointScorer.score(fold, clock.millis(), ScoringParams.DEFAULT.tauMs());
            Map<String, double[]> truth = new HashMap<>();
            Map<String, SimEndpoint> byHash = new HashMap<>();
            for (SimEndpoint e : sim.endpoints()) {
                String hash = EndpointUrl.of(sim.url(e)).hash();
                truth.put(hash, sim.truth(e));
                byHash.put(hash, e);
            }
            Map<String, List<StageRow>> stages = new HashMap<>();
            scored.stages().forEach(s -> stages.computeIfAbsent(s.urlHash(), k -> new java.util.ArrayList<>()).add(s));
            Calibration[] cal = new Calibration[6];
            for (int i = 0; i < 6; i++) {
                cal[i] = new Calibration();
            }
            int counted = 0;
            for (EndpointRow row : scored.endpoints()) {
                if (row.deprecated()) {
                    continue;
                }
                double[] t = truth.get(row.urlHash());
                counted++;
                cal[5].add(row.pE2e(), t[5], row.pE2ePessimistic(), row.pE2eOptimistic());
                boolean l402 = byHash.get(row.urlHash()).kind() == SimEndpoint.Kind.L402;
                for (StageRow s : stages.get(row.urlHash())) {
                    if (s.stage() == 1 || l402) {
                        cal[s.stage() - 1].add(s.pSuccess(), t[s.stage() - 1], s.ci95Low(), s.ci95High());
                    }
                }
            }
            double[] ece = new double[6];
            double[] coverage = new double[6];
            int[] counts = new int[6];
            for (int i = 0; i < 6; i++) {
                ece[i] = cal[i].ece();
                coverage[i] = cal[i].coverage();
                counts[i] = cal[i].n;
            }
            return new Result(counted, ece, coverage, counts, cal[5].diagram());
        }
    }

    /** Expected calibration error over 10 equal-width bins of the prediction, against true probabilities. */
    static final class Calibration {
        final double[] predicted = new double[10];
        final double[] actual = new double[10];
        final int[] inBin = new int[10];
        int n;
        int covered;

        void add(double p, double truth, double low, double high) {
            int bin = Math.min(9, (int) (p * 10));
            predicted[bin] += p;
            actual[bin] += truth;
            inBin[bin]++;
            n++;
            covered += truth >= low - 1e-9 && truth <= high + 1e-9 ? 1 : 0;
        }

        double ece() {
            double sum = 0;
            for (int b = 0; b < 10; b++) {
                sum += Math.abs(predicted[b] - actual[b]);
            }
            return n == 0 ? 0 : sum / n;
        }

        String diagram() {
            StringBuilder out = new StringBuilder();
            for (int b = 0; b < 10; b++) {
                if (inBin[b] > 0) {
                    out.append(String.format(Locale.ROOT, "[%.1f: %d, %.3f, %.3f] ", b / 10.0, inBin[b],
                            predicted[b] / inBin[b], actual[b] / inBin[b]));
                }
            }
            return out.toString();
        }

        double coverage() {
            return n == 0 ? 0 : covered / (double) n;
        }
    }

    private static LndEndpoint endpoint(LndSimServer lnd, String macaroon) {
        return new LndEndpoint("127.0.0.1", lnd.port(), lnd.tlsCertPath(), lnd.macaroonPath(macaroon), Duration.ofSeconds(10));
    }
}
