package com.satrank.services.catalog;

import com.satrank.model.EvidenceRules;
import com.satrank.model.Verdict;
import com.satrank.services.Stage;

/**
 * An endpoint's verdict from its five stages (docs/scoring.md §10). The endpoint-level posterior
 * is p_e2e with the band [pessimistic, optimistic]; its evidence is the weakest stage's, since the
 * chain is only known as well as its least-observed link. The ladder, first match wins:
 * <ol>
 *   <li>a meaningful stage that fails (p &lt; 0.50 or ci95_high &lt; 0.65): RISKY, since one broken link
 *       breaks the chain whatever the others say;</li>
 *   <li>fewer than five meaningful stages: INSUFFICIENT (nobody paid it often enough to know);</li>
 *   <li>p_e2e &lt; 0.50 or optimistic &lt; 0.65: RISKY;</li>
 *   <li>optimistic − pessimistic &gt; 0.40: UNKNOWN;</li>
 *   <li>p_e2e ≥ 0.80, every stage's ci95_low ≥ 0.80 and the weakest stage's n_obs ≥ 5: SAFE;</li>
 *   <li>otherwise UNKNOWN.</li>
 * </ol>
 * SAFE looks at each stage's lower bound rather than the product of the five, which is a band and
 * not an interval: five stages each surely above 0.8 make a chain worth recommending.
 */
public record EndpointJudgement(Verdict verdict, double pSuccess, double ci95Low, double ci95High, double nObs,
                                int meaningfulStages) {
    static final double RISKY_P = 0.50;
    static final double RISKY_CI_HIGH = 0.65;
    static final double UNKNOWN_WIDTH = 0.40;
    static final double SAFE_P = 0.80;
    static final double SAFE_STAGE_LOW = 0.80;
    static final double SAFE_MIN_N = 5;

    public static EndpointJudgement of(EndpointScore e) {
        double weakest = Double.POSITIVE_INFINITY;
        boolean stageFails = false;
        boolean stagesSure = true;
        for (Stage stage : Stage.values()) {
            StageScore s = e.stage(stage);
            if (s == null) {
                weakest = 0;
                stagesSure = false;
                continue;
            }
            weakest = Math.min(weakest, s.nObs());
            if (s.meaningful() && (s.pSuccess() < RISKY_P || s.ci95High() < RISKY_CI_HIGH)) {
                stageFails = true;
            }
            stagesSure &= s.ci95Low() >= SAFE_STAGE_LOW;
        }
        return new EndpointJudgement(verdict(e, stageFails, stagesSure, weakest), e.pE2e(), e.pE2ePessimistic(),
                e.pE2eOptimistic(), weakest, e.meaningfulStages());
    }

    private static Verdict verdict(EndpointScore e, boolean stageFails, boolean stagesSure, double weakest) {
        if (stageFails) {
            return Verdict.RISKY;
        }
        if (e.meaningfulStages() < Stage.values().length) {
            return Verdict.INSUFFICIENT;
        }
        if (e.pE2e() < RISKY_P || e.pE2eOptimistic() < RISKY_CI_HIGH) {
            return Verdict.RISKY;
        }
        if (e.pE2eOptimistic() - e.pE2ePessimistic() > UNKNOWN_WIDTH) {
            return Verdict.UNKNOWN;
        }
        if (e.pE2e() >= SAFE_P && stagesSure && weakest >= SAFE_MIN_N) {
            return Verdict.SAFE;
        }
        return Verdict.UNKNOWN;
    }

    /** As for nodes: enough evidence, and evidence no older than an hour at {@code nowMs}. */
    public boolean meaningful(long lastEvidenceMs, long nowMs) {
        return EvidenceRules.meaningful(nObs, lastEvidenceMs, nowMs);
    }
}
