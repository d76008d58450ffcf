package com.satrank.pipeline.evidence;

/**
 * Where an observation came from. Only sources that observe payments themselves feed p_success:
 * a payment probe (a "no route" answer counts as a failed payment, since a payment would fail too)
 * and, next, reports. Pathfinding only shows our LND knows a path; it has its own posterior and
 * counts toward convergence, but mixing it into p_success would inflate p for routable yet
 * unreliable nodes and break calibration.
 */
public enum EvidenceSource {
    ROUTE("route", 1.0, false),
    PROBE("probe", 1.0, true);

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
