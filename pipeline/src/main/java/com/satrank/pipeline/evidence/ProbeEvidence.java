package com.satrank.pipeline.evidence;

import com.satrank.events.v1.ProbeCompleted;

/**
 * How one probe event becomes evidence. Only the base tier (1 000 sat) feeds the posterior;
 * larger tiers describe capacity, not reliability. ERROR outcomes (LND trouble on our side) say
 * nothing about the target and are ignored.
 */
public final class ProbeEvidence {
    public static final long BASE_TIER_SAT = 1_000;

    private ProbeEvidence() {
    }

    public static void apply(ProbeCompleted probe, long eventTimeMs, NodeEvidence evidence) {
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
}
