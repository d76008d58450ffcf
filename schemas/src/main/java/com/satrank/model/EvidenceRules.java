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

    private EvidenceRules() {
    }
}
