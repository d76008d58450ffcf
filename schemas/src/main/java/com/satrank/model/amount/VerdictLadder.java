package com.satrank.model.amount;

import com.satrank.model.Verdict;

/**
 * The node verdict from a posterior, first match wins (docs/scoring.md §5). One place, because the
 * pipeline judges the base amount at every pass and the API judges any other amount an agent asks
 * about, and the two must agree. The thresholds are stricter than the reference's (SAFE p ≥ 0.80 and
 * ci95_low ≥ 0.65; RISKY p < 0.50 or ci95_high < 0.65): a verdict is a promise about the truth
 * (SAFE: at least 0.8; RISKY: at most 0.5), and with calibrated posteriors the reference's bounds sat
 * on the edge of it, wrong for 3–15 % of the nodes they judged (docs/scoring.md §5, §8).
 */
public final class VerdictLadder {
    /**
     * 0.87, not 0.85: with intervals that cover, the nodes SAFE wrongly were those just under the
     * promise (truth 0.76–0.80) read at 0.85–0.87; at 0.85 SAFE precision fell to 95.7–96.9 % in
     * three of 45 (seed, hours, amount) cells, at 0.87 it held ≥ 97.1 % in all (docs/scoring.md §8).
     */
    public static final double SAFE_P = 0.87;
    public static final double SAFE_CI_LOW = 0.72;
    public static final double SAFE_MIN_N = 10;
    public static final double RISKY_P = 0.40;
    public static final double RISKY_CI_HIGH = 0.55;
    public static final double UNKNOWN_CI_WIDTH = 0.40;
    public static final double MIN_N = 5;

    private VerdictLadder() {
    }

    /**
     * @param cannotCarry the latest graph shows no enabled channel that could carry the amount: a
     *                    certainty, so RISKY without waiting for observations
     */
    public static Verdict judge(double p, double ci95Low, double ci95High, double nObs, boolean converged,
                                boolean cannotCarry) {
        if (cannotCarry) {
            return Verdict.RISKY;
        }
        if (nObs < MIN_N) {
            return Verdict.INSUFFICIENT;
        }
        if (p < RISKY_P || ci95High < RISKY_CI_HIGH) {
            return Verdict.RISKY;
        }
        if (ci95High - ci95Low > UNKNOWN_CI_WIDTH) {
            return Verdict.UNKNOWN;
        }
        if (p >= SAFE_P && ci95Low >= SAFE_CI_LOW && nObs >= SAFE_MIN_N && converged) {
            return Verdict.SAFE;
        }
        return Verdict.UNKNOWN;
    }
}
