package com.satrank.pipeline.evidence;

import com.satrank.events.v1.ProbeCompleted;

/**
 * How one probe event becomes evidence. Every amount tier's payment outcome (a "no route" is a
 * failed payment too) feeds the amount-aware model; the per-source posteriors (route, probe) stay
 * those of the base tier (1 000 sat). ERROR outcomes (LND trouble on our side) say nothing about the
 * target and are ignored.
 */
public final class ProbeEvidence {
    public static final long BASE_TIER_SAT = 1_000;
    /** The amount tiers the prober pays; each one's outcomes feed the amount-aware model. */
    public static final long[] TIERS_SAT = {1_000, 10_000, 100_000, 1_000_000};

    private ProbeEvidence() {
    }

    public static void apply(ProbeCompleted probe, long eventTimeMs, NodeEvidence evidence) {
        applyTier(probe, eventTimeMs, evidence);
        if (probe.getAmountSat() != BASE_TIER_SAT) {
            return;
        }
        switch (probe.getMethod()) {
            case QUERY_ROUTES -> {
                if (probe.getOutcome() == ProbeCompleted.Outcome.SUCCESS
                        || probe.getOutcome() == ProbeCompleted.Outcome.NO_ROUTE) {
                    boolean found = probe.getOutcome() == ProbeCompleted.Outcome.SUCCESS;
                    evidence.add(EvidenceSource.ROUTE, eventTimeMs, found);
                    if (!found) {
                        evidence.add(EvidenceSource.PROBE, eventTimeMs, false);
                    }
                }
            }
            case PAYMENT_PROBE -> {
                if (probe.getOutcome() == ProbeCompleted.Outcome.SUCCESS
                        || probe.getOutcome() == ProbeCompleted.Outcome.FAILURE) {
                    boolean delivered = probe.getOutcome() == ProbeCompleted.Outcome.SUCCESS;
                    evidence.add(EvidenceSource.PROBE, eventTimeMs, delivered);
                    if (delivered) {
                        evidence.addDelivery(eventTimeMs, probe.getLatencyMs(), probe.getHops());
                    }
                }
            }
            default -> {
                // unknown methods from newer writers are skipped
            }
        }
    }

    /** Every tier: a delivered probe is a success at its amount; a failed one, or no route, a failure. */
    private static void applyTier(ProbeCompleted probe, long eventTimeMs, NodeEvidence evidence) {
        int tier = tierOf(probe.getAmountSat());
        if (tier < 0) {
            return;
        }
        boolean noRoute = probe.getMethod() == ProbeCompleted.Method.QUERY_ROUTES
                && probe.getOutcome() == ProbeCompleted.Outcome.NO_ROUTE;
        boolean paid = probe.getMethod() == ProbeCompleted.Method.PAYMENT_PROBE
                && (probe.getOutcome() == ProbeCompleted.Outcome.SUCCESS
                || probe.getOutcome() == ProbeCompleted.Outcome.FAILURE);
        if (noRoute || paid) {
            evidence.addTier(tier, eventTimeMs, paid && probe.getOutcome() == ProbeCompleted.Outcome.SUCCESS);
        }
    }

    static int tierOf(long amountSat) {
        for (int j = 0; j < TIERS_SAT.length; j++) {
            if (TIERS_SAT[j] == amountSat) {
                return j;
            }
        }
        return -1;
    }
}
