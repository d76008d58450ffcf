package com.satrank.pipeline.evidence;

import com.satrank.events.v1.PaymentReported;

/** How one accepted report becomes evidence: success, or failure for failure and timeout. */
public final class ReportEvidence {
    private ReportEvidence() {
    }

    public static void apply(PaymentReported report, long eventTimeMs, NodeEvidence evidence) {
        if (report.getOutcome() == PaymentReported.Outcome.OUTCOME_UNSPECIFIED) {
            return;
        }
        boolean success = report.getOutcome() == PaymentReported.Outcome.SUCCESS;
        // a proof of payment only ever proves a success; the API marks nothing else proven
        EvidenceSource source = report.getProven() && success ? EvidenceSource.REPORT_PROVEN
                : EvidenceSource.REPORT_UNVERIFIED;
        evidence.add(source, eventTimeMs, success);
    }
}
