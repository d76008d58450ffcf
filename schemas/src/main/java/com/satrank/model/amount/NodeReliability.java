package com.satrank.model.amount;

import com.satrank.model.EvidenceRules;
import com.satrank.model.Verdict;

/**
 * What a pass knows of one node for any amount: the posterior of its reliability r (the chance a
 * small payment succeeds: mean and exact 95 % interval of the grid posterior), the weighted
 * observations behind it, its largest enabled channel in the latest snapshot, and how many sources
 * other than the probes (pathfinding, reports) agree that it is good. The chance for an amount a is
 * r · L(a / channel): its mean is r's scaled by L, its interval r's scaled by the band L may take
 * within its bin ({@link LiquidityCurve#band}).
 */
public record NodeReliability(double mean, double ci95Low, double ci95High, double nObs, long maxChannelSat,
                              int otherSourcesAgreeing) {
    /** The amount the API answers for when none is asked. */
    public static final long DEFAULT_AMOUNT_SAT = 1_000;

    /** The answer for one amount. */
    public record AmountAnswer(long amountSat, double pSuccess, double ci95Low, double ci95High, double nObs,
                               boolean cannotCarry, boolean converged, Verdict verdict) {
    }

    public AmountAnswer at(long amountSat, LiquidityCurve curve) {
        double l = curve.at(amountSat, maxChannelSat);
        double[] band = curve.band(amountSat, maxChannelSat);
        boolean cannotCarry = maxChannelSat <= 0 || amountSat >= maxChannelSat;
        double p = mean * l;
        double lo = ci95Low * band[0];
        double hi = ci95High * band[1];
        boolean converged = otherSourcesAgreeing + (p >= EvidenceRules.CONVERGENCE_THRESHOLD ? 1 : 0) >= 2;
        return new AmountAnswer(amountSat, p, lo, hi, nObs, cannotCarry, converged,
                VerdictLadder.judge(p, lo, hi, nObs, converged, cannotCarry));
    }
}
