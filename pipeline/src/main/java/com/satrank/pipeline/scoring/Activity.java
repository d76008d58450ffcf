package com.satrank.pipeline.scoring;

import com.satrank.pipeline.evidence.EvidenceSource;
import com.satrank.pipeline.evidence.NodeEvidence;

/**
 * Undecayed evidence about a node as of a pass, over windows of event time ending at the pass:
 * observations of every source in the last 24 h, 7 d and 30 d (the reference's recent_activity);
 * the risk profile, comparing the payment success rate of the last 7 days with the 23 days before
 * (fewer than 5 observations or an empty window: unknown; a drop of more than 0.25: high, more than
 * 0.10: medium, else low); and reachability, the share of payment probes in the last 7 days that
 * reached the node (null without probes).
 */
public record Activity(long last24h, long last7d, long last30d, String riskProfile, Double reachability) {
    static final long HOUR_MS = NodeEvidence.HOUR_MS;

    public static final Activity NONE = new Activity(0, 0, 0, "unknown", null);

    public static Activity of(NodeEvidence evidence, long asOfMs) {
        if (evidence == null) {
            return NONE;
        }
        long now = Math.floorDiv(asOfMs, HOUR_MS);
        long[] recent = payments(evidence, now - 7 * 24 + 1, now);
        long[] before = payments(evidence, now - 30 * 24 + 1, now - 7 * 24);
        long[] probes = evidence.counts(EvidenceSource.PROBE, now - 7 * 24 + 1, now);
        long probeTotal = probes[0] + probes[1];
        return new Activity(observations(evidence, now - 23, now), observations(evidence, now - 7 * 24 + 1, now),
                observations(evidence, now - 30 * 24 + 1, now), riskProfile(recent, before),
                probeTotal == 0 ? null : (double) probes[0] / probeTotal);
    }

    static String riskProfile(long[] recent, long[] before) {
        long recentN = recent[0] + recent[1];
        long beforeN = before[0] + before[1];
        if (recentN + beforeN < 5 || recentN == 0 || beforeN == 0) {
            return "unknown";
        }
        double delta = (double) recent[0] / recentN - (double) before[0] / beforeN;
        if (delta < -0.25) {
            return "high";
        }
        return delta < -0.10 ? "medium" : "low";
    }

    private static long observations(NodeEvidence evidence, long fromHour, long toHour) {
        long total = 0;
        for (EvidenceSource source : EvidenceSource.values()) {
            long[] c = evidence.counts(source, fromHour, toHour);
            total += c[0] + c[1];
        }
        return total;
    }

    private static long[] payments(NodeEvidence evidence, long fromHour, long toHour) {
        long[] total = new long[2];
        for (EvidenceSource source : EvidenceSource.values()) {
            if (source.measuresPayment()) {
                long[] c = evidence.counts(source, fromHour, toHour);
                total[0] += c[0];
                total[1] += c[1];
            }
        }
        return total;
    }
}
