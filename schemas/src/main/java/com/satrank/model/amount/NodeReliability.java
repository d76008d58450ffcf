package com.satrank.model.amount;

import com.satrank.model.EvidenceRules;
import com.satrank.model.Verdict;

/**
 * What a pass knows of one node for any amount: the posterior of its reliability r (the chance a
 * small payment succeeds: mean and exact 95 % interval of the grid posterior), the weighted
 * observations behind it, its largest enabled channel in the latest snapshot, and how many sources
 * other than the probes (pathfinding, reports) agree that it is good. The chance for an amount a is
 * r · L(a / channel): its mean is r's scaled by L; its interval combines r's with L's
 * ({@link LiquidityCurve#band}).
 */
public record NodeReliability(double mean, double ci95Low, double ci95High, double nObs, long maxChannelSat,
                              int otherSourcesAgreeing) {
    /** The amount the API answers for when none is asked. */
    public static final long DEFAULT_AMOUNT_SAT = 1_000;

    /** The answer for one amount. */
    public record AmountAnswer(long amountSat, double pSuccess, double ci95Low, double ci95High, double nObs,
                               boolean cannotCarry, boolean converged, Verdict verdict) {
    }

    /**
     * One end of the interval of p = r · L from the same end of r's and of L's: their distances from
     * the estimates add in quadrature on the log scale, as for a product of independent estimates.
     * Multiplying the two ends instead treats both as at their 2.5 % extreme at once, which
     * over-covered wherever both were uncertain.
     */
    static double combined(double r, double rEnd, double l, double lEnd) {
        double p = r * l;
        if (p <= 0 || rEnd <= 0 || lEnd <= 0) {
            return rEnd * lEnd;
        }
        double a = Math.log(rEnd / r);
        double b = Math.log(lEnd / l);
        double d = Math.sqrt(a * a + b * b);
        return p * Math.exp(rEnd >= r ? d : -d);
    }

    public AmountAnswer at(long amountSat, LiquidityCurve curve) {
        double l = curve.at(amountSat, maxChannelSat);
        double[] band = curve.band(amountSat, maxChannelSat);
        boolean cannotCarry = maxChannelSat <= 0 || amountSat >= maxChannelSat;
        double p = mean * l;
        double lo = combined(mean, ci95Low, l, band[0]);
        double hi = combined(mean, ci95High, l, band[1]);
        boolean converged = otherSourcesAgreeing + (p >= EvidenceRules.CONVERGENCE_THRESHOLD ? 1 : 0) >= 2;
        return new AmountAnswer(amountSat, p, lo, hi, nObs, cannotCarry, converged,
                VerdictLadder.judge(p, lo, hi, nObs, converged, cannotCarry));
    }
}
