package com.satrank.pipeline.evidence;

import com.satrank.model.EvidenceRules;

/**
 * Where an observation came from, and how much one counts. Only sources that observe payments
 * themselves feed p_success: a payment probe (a "no route" answer counts as a failed payment,
 * since a payment would fail too) and agents' reports. Pathfinding only shows our LND knows a
 * path; it has its own posterior and counts toward convergence, but mixing it into p_success would
 * inflate p for routable yet unreliable nodes. A report proven by an invoice the target signed and
 * the matching preimage counts fully; an unproven one counts {@link EvidenceRules#UNPROVEN_REPORT_WEIGHT}.
 * Sources sharing a label form one posterior.
 */
public enum EvidenceSource {
    ROUTE("route", 1.0, false),
    PROBE("probe", 1.0, true),
    REPORT_PROVEN("report", EvidenceRules.PROVEN_REPORT_WEIGHT, true),
    REPORT_UNVERIFIED("report", EvidenceRules.UNPROVEN_REPORT_WEIGHT, true);

    private final String label;
    private final double weight;
    private final boolean measuresPayment;

    EvidenceSource(String label, double weight, boolean measuresPayment) {
        this.label = label;
        this.weight = weight;
        this.measuresPayment = measuresPayment;
    }

    public String label() {
        return label;
    }

    public double weight() {
        return weight;
    }

    public boolean measuresPayment() {
        return measuresPayment;
    }
}
