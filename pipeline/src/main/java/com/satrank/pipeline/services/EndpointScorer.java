package com.satrank.pipeline.services;

import com.satrank.services.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Stage posteriors and the end-to-end probability of every endpoint at a pass time.
 *
 * <p>Per stage, outcomes count with weight w (1 for the free stages, 2 for the paid ones, as the
 * reference) · exp(−(asOf − hour midpoint)/τ). The prior is not the reference's flat 1.5/1.5: it is
 * the stage's pooled success rate m over every endpoint (empirical Bayes), with strength
 * {@value #PRIOR_STRENGTH}: Beta(K·m + S, K·(1−m) + F). An endpoint never paid is then expected to
 * pay as often as endpoints in general do, instead of half the time, which is what makes p_e2e =
 * Π p_stage calibrated over all five stages (the reference multiplies only the "meaningful" ones,
 * which overstates endpoints nobody paid). ci95 is the exact Beta quantile; pessimistic and
 * optimistic bounds are the products of the stage bounds. The payment stage's prior is the payee
 * node's pooled rate (shrunk to the global one), since arrival depends on the node. Formulas:
 * docs/scoring.md §9.
 */
public final class EndpointScorer {
    static final double PRIOR_STRENGTH = 2.0;
    /** A stage with at least this much decayed evidence is "meaningful" (reference §3.4). */
    static final double MEANINGFUL_N = 3.0;

    private EndpointScorer() {
    }

    /** The rows of one pass. */
    public record Scored(List<EndpointRow> endpoints, List<StageRow> stages) {
    }

    public static Scored score(ServiceFold fold, long asOfMs, double tauMs) {
        Map<String, EndpointState> all = fold.endpoints();
        int stageCount = Stage.values().length;
        double[][] sf = new double[all.size() * stageCount][];
        double[] pooledS = new double[stageCount];
        double[] pooledF = new double[stageCount];
        int i = 0;
        for (EndpointState s : all.values()) {
            for (Stage stage : Stage.values()) {
                double[] sums = decayed(s.stages[stage.ordinal()], asOfMs, tauMs, stage.probeWeight());
                sf[i * stageCount + stage.ordinal()] = sums;
                pooledS[stage.ordinal()] += sums[0];
                pooledF[stage.ordinal()] += sums[1];
            }
            i++;
        }
        double[] mean = new double[stageCount];
        for (int k = 0; k < stageCount; k++) {
            mean[k] = (pooledS[k] + 1) / (pooledS[k] + pooledF[k] + 2);
        }
        // Whether a payment arrives is a property of the payee node more than of the endpoint: the
        // payment stage's prior is the payee's pooled rate over all its endpoints, itself shrunk to
        // the global rate.
        int payment = Stage.PAYMENT.ordinal();
        Map<String, double[]> byPayee = new java.util.HashMap<>();
        i = 0;
        for (EndpointState s : all.values()) {
            if (s.payee != null) {
                double[] sums = sf[i * stageCount + payment];
                double[] total = byPayee.computeIfAbsent(s.payee, k -> new double[2]);
                total[0] += sums[0];
                total[1] += sums[1];
            }
            i++;
        }
        List<EndpointRow> rows = new ArrayList<>(all.size());
        List<StageRow> stages = new ArrayList<>(all.size() * stageCount);
        i = 0;
        for (EndpointState s : all.values()) {
            double p = 1;
            double low = 1;
            double high = 1;
            int meaningful = 0;
            for (Stage stage : Stage.values()) {
                double[] sums = sf[i * stageCount + stage.ordinal()];
                double m = mean[stage.ordinal()];
                if (stage == Stage.PAYMENT && s.payee != null) {
                    double[] payee = byPayee.get(s.payee);
                    m = (payee[0] + PRIOR_STRENGTH * m) / (payee[0] + payee[1] + PRIOR_STRENGTH);
                }
                double alpha = PRIOR_STRENGTH * m + sums[0];
                double beta = PRIOR_STRENGTH * (1 - m) + sums[1];
                BetaDistribution posterior = BetaDistribution.of(alpha, beta);
                double ps = alpha / (alpha + beta);
                double lo = posterior.inverseCumulativeProbability(0.025);
                double hi = posterior.inverseCumulativeProbability(0.975);
                double nObs = sums[0] + sums[1];
                var evidence = s.stages[stage.ordinal()];
                stages.add(new StageRow(s.urlHash, stage.number(), alpha, beta, ps, lo, hi, nObs, evidence.observations,
                        evidence.successes,
                        evidence.lastOutcome, evidence.lastUpdatedMs));
                p *= ps;
                low *= lo;
                high *= hi;
                meaningful += nObs >= MEANINGFUL_N ? 1 : 0;
            }
            rows.add(row(s, p, low, high, meaningful));
            i++;
        }
        return new Scored(rows, stages);
    }

    private static double[] decayed(EndpointState.StageEvidence evidence, long asOfMs, double tauMs, double weight) {
        double[] sums = new double[2];
        long lastHour = Math.floorDiv(asOfMs, EndpointState.HOUR_MS);
        evidence.hours.forEach(Long.MIN_VALUE, lastHour, (hour, data, offset) -> {
            long midpoint = hour * EndpointState.HOUR_MS + EndpointState.HOUR_MS / 2;
            double decay = Math.exp(-Math.max(0, asOfMs - midpoint) / tauMs) * weight;
            double age = Math.exp(-Math.max(0, asOfMs - midpoint) / tauMs);
            sums[0] += data[offset] * decay + data[offset + 2] / 1000.0 * age;
            sums[1] += data[offset + 1] * decay + data[offset + 3] / 1000.0 * age;
        });
        return sums;
    }

    private static EndpointRow row(EndpointState s, double p, double low, double high, int meaningful) {
        Double uptime = null;
        Integer median = null;
        if (!s.recentChecks.isEmpty()) {
            long ok = 0;
            List<Long> latencies = new ArrayList<>();
            for (long[] check : s.recentChecks) {
                ok += check[1];
                if (check[2] >= 0) {
                    latencies.add(check[2]);
                }
            }
            uptime = ok / (double) s.recentChecks.size();
            if (!latencies.isEmpty()) {
                long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(sorted);
                median = (int) sorted[(sorted.length - 1) / 2];
            }
        }
        return new EndpointRow(s.urlHash, s.url, s.name, s.description, s.category, s.provider, s.method,
                s.advertisedPriceSats, s.priceSats, s.payee, String.join(",", s.sources), s.discoveryOutcome,
                s.deprecated, s.deprecatedReason, s.firstListedMs == Long.MIN_VALUE ? 0 : s.firstListedMs,
                s.lastHttpStatus, s.lastLatencyMs, s.lastCheckedMs, s.checkCount, s.successCount, uptime, median,
                p, low, high, meaningful, s.paidProbes, s.satsSpent, s.operator);
    }
}
