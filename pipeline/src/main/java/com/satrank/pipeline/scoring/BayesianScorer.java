package com.satrank.pipeline.scoring;

import com.satrank.model.EvidenceRules;

import com.satrank.model.ScoringParams;
import com.satrank.model.Verdict;

import com.satrank.pipeline.evidence.EvidenceSource;
import com.satrank.pipeline.evidence.NodeEvidence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Beta posteriors from evidence, in event time only. Each hour bucket counts with weight
 * w_source · exp(−(asOf − bucket midpoint)/τ), τ = 7 days; a source's posterior is
 * Beta(1.5 + S, 1.5 + F); the combined one adds S and F of the sources that observe payments
 * (see {@link EvidenceSource}). ci95 is the exact Beta
 * 2.5 %/97.5 % quantile (Commons Statistics). Verdict ladder and convergence as in the reference,
 * except that a payment probe and pathfinding are two sources, so SAFE is reachable for nodes.
 * Formulas and constants: docs/scoring.md.
 */
public final class BayesianScorer {
    static final double SAFE_P = 0.80;
    static final double SAFE_CI_LOW = 0.65;
    static final double SAFE_MIN_N = 10;
    static final double RISKY_P = 0.50;
    static final double RISKY_CI_HIGH = 0.65;
    static final double UNKNOWN_CI_WIDTH = 0.40;
    static final double MIN_N = 5;
    static final int CONVERGENCE_SOURCES = 2;

    private BayesianScorer() {
    }

    /** With the default prior and time constant. */
    public static BayesianScore score(NodeEvidence evidence, long asOfMs) {
        return score(evidence, asOfMs, ScoringParams.DEFAULT);
    }

    public static BayesianScore score(NodeEvidence evidence, long asOfMs, ScoringParams params) {
        double tauMs = params.tauMs();
        double totalS = 0;
        double totalF = 0;
        int converging = 0;
        Map<String, BayesianScore.SourcePosterior> sources = new LinkedHashMap<>();
        Map<String, double[]> byLabel = new LinkedHashMap<>();
        for (EvidenceSource source : EvidenceSource.values()) {
            double[] sums = new double[2];
            if (evidence != null) {
                evidence.forEachHour(source, Long.MIN_VALUE, Math.floorDiv(asOfMs, NodeEvidence.HOUR_MS),
                        (hour, successes, failures) -> {
                            long midpoint = hour * NodeEvidence.HOUR_MS + NodeEvidence.HOUR_MS / 2;
                            double decay = Math.exp(-Math.max(0, asOfMs - midpoint) / tauMs) * source.weight();
                            sums[0] += successes * decay;
                            sums[1] += failures * decay;
                        });
            }
            double s = sums[0];
            double f = sums[1];
            double[] sf = byLabel.computeIfAbsent(source.label(), l -> new double[2]);
            sf[0] += s;
            sf[1] += f;
            if (source.measuresPayment()) {
                totalS += s;
                totalF += f;
            }
        }
        for (var entry : byLabel.entrySet()) {
            double s = entry.getValue()[0];
            double f = entry.getValue()[1];
            if (s + f > 0) {
                BayesianScore.SourcePosterior p = posterior(s, f, params.prior());
                sources.put(entry.getKey(), p);
                if (p.pSuccess() >= EvidenceRules.CONVERGENCE_THRESHOLD) {
                    converging++;
                }
            }
        }
        BayesianScore.SourcePosterior combined = posterior(totalS, totalF, params.prior());
        boolean converged = converging >= CONVERGENCE_SOURCES;
        Verdict verdict = verdict(combined, converged);
        long last = evidence == null || evidence.lastEventMs() == Long.MIN_VALUE ? 0 : evidence.lastEventMs();
        return new BayesianScore(combined.pSuccess(), combined.ci95Low(), combined.ci95High(), combined.nObs(), verdict,
                converged, sources, last);
    }

    static BayesianScore.SourcePosterior posterior(double successes, double failures, double prior) {
        double a = prior + successes;
        double b = prior + failures;
        BetaDistribution beta = BetaDistribution.of(a, b);
        return new BayesianScore.SourcePosterior(a / (a + b), beta.inverseCumulativeProbability(0.025),
                beta.inverseCumulativeProbability(0.975), successes + failures);
    }

    static Verdict verdict(BayesianScore.SourcePosterior p, boolean converged) {
        if (p.nObs() < MIN_N) {
            return Verdict.INSUFFICIENT;
        }
        if (p.pSuccess() < RISKY_P || p.ci95High() < RISKY_CI_HIGH) {
            return Verdict.RISKY;
        }
        if (p.ci95High() - p.ci95Low() > UNKNOWN_CI_WIDTH) {
            return Verdict.UNKNOWN;
        }
        if (p.pSuccess() >= SAFE_P && p.ci95Low() >= SAFE_CI_LOW && p.nObs() >= SAFE_MIN_N && converged) {
            return Verdict.SAFE;
        }
        return Verdict.UNKNOWN;
    }
}
