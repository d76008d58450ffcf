package com.satrank.pipeline.scoring;

import com.satrank.pipeline.evidence.EvidenceSource;
import com.satrank.pipeline.evidence.NodeEvidence;

/**
 * Undecayed evidence about a node as of a pass, over windows of event time ending at the pass:
 * observations of every source in the last 24 h, 7 d and 30 d (the reference's recent_activity);
 * the risk profile, comparing the payment success rate of the last 7 days with the 23 days before
 * (fewer than 5 observations or an empty window: unknown; a drop of more than 0.25: high, more than
 * 0.10: medium, else low); and the payment probes of the last 7 days, delivered and failed, from
 * which reachability (the delivered share, null without probes) and the composite's uptime follow.
 */
public record Activity(long last24h, long last7d, long last30d, String riskProfile, long probesDelivered7d,
                       long probesFailed7d) {
    static final long HOUR_MS = NodeEvidence.HOUR_MS;
    private static final long DAY_HOURS = 24;
    private static final long WEEK_HOURS = 7 * DAY_HOURS;
    private static final long MONTH_HOURS = 30 * DAY_HOURS;

    public static final Activity NONE = new Activity(0, 0, 0, "unknown", 0, 0);

    public Double reachability() {
        long attempts = probesDelivered7d + probesFailed7d;
        return attempts == 0 ? null : (double) probesDelivered7d / attempts;
    }

    public static Activity of(NodeEvidence evidence, long asOfMs) {
        if (evidence == null) {
            return NONE;
        }
        long now = Math.floorDiv(asOfMs, HOUR_MS);
        long[] observations = new long[3];
        long[] recent = new long[2];
        long[] before = new long[2];
        long[] probes = new long[2];
        // one walk over each source's last 30 days of hours fills every window
        for (EvidenceSource source : EvidenceSource.values()) {
            evidence.forEachHour(source, now - MONTH_HOURS + 1, now, (hour, successes, failures) -> {
                long age = now - hour;
                long n = successes + failures;
                observations[2] += n;
                if (age < WEEK_HOURS) {
                    observations[1] += n;
                    if (age < DAY_HOURS) {
                        observations[0] += n;
                    }
                }
                if (source.measuresPayment()) {
                    long[] window = age < WEEK_HOURS ? recent : before;
                    window[0] += successes;
                    window[1] += failures;
                }
                if (source == EvidenceSource.PROBE && age < WEEK_HOURS) {
                    probes[0] += successes;
                    probes[1] += failures;
                }
            });
        }
        return new Activity(observations[0], observations[1], observations[2], riskProfile(recent, before),
                probes[0], probes[1]);
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
}
