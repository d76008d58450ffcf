package com.satrank.model;

/**
 * Numbers the pipeline scores with and the API explains with, defined once so the two can never
 * disagree (reference §3.3).
 */
public final class EvidenceRules {
    /**
     * A source "agrees" when its posterior mean is at least this; two sources agreeing make a
     * verdict converged.
     */
    public static final double CONVERGENCE_THRESHOLD = 0.80;
    /** An agent's report that no preimage proves counts this much of a proven one: anyone can claim anything. */
    public static final double UNPROVEN_REPORT_WEIGHT = 0.3;
    /** A proven report (matching preimage, or signed by the target) counts fully. */
    public static final double PROVEN_REPORT_WEIGHT = 1.0;

    /** A posterior is meaningful with at least this many (decayed) observations… */
    public static final double MEANINGFUL_MIN_OBS = 3.0;
    /** …the newest of them no older than this (the reference's "fresh" or "recent", under an hour). */
    public static final long MEANINGFUL_MAX_AGE_MS = 3_600_000L;

    private EvidenceRules() {
    }

    /**
     * Whether a posterior says more than its prior: enough observations, and fresh ones. A verdict
     * from no evidence, or from evidence too old to describe the node now, is not.
     */
    public static boolean meaningful(double nObs, long lastEvidenceMs, long nowMs) {
        return nObs >= MEANINGFUL_MIN_OBS && lastEvidenceMs > 0 && nowMs - lastEvidenceMs < MEANINGFUL_MAX_AGE_MS;
    }
}
