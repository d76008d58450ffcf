package com.satrank.pipeline.evidence;

/**
 * Integer success/failure counts of one node per (source, hour of event time), for the base
 * amount tier. Counts only ever add, so the totals do not depend on the order observations arrive
 * in; everything derived from them is computed in hour order.
 */
public final class NodeEvidence {
    public static final long HOUR_MS = 3_600_000L;

    /** Per source: {successes, failures} per hour; null until the source says something. */
    private final HourlySums[] bySource = new HourlySums[EvidenceSource.values().length];
    /** Delivered payment probes per hour: {count, Σ latency ms, Σ latency², Σ hops, Σ hops²}, exact integers. */
    private final HourlySums deliveries = new HourlySums(5);
    /** Payment outcomes per amount tier ({@link ProbeEvidence#TIERS_SAT}): {successes, failures} per tier per hour; null until one. */
    private HourlySums tiers;
    private long lastEventMs = Long.MIN_VALUE;

    /** One hour of one source: its successes and failures. */
    public interface HourVisitor {
        void visit(long hour, long successes, long failures);
    }

    public void add(EvidenceSource source, long eventTimeMs, boolean success) {
        HourlySums sums = bySource[source.ordinal()];
        if (sums == null) {
            sums = new HourlySums(2);
            bySource[source.ordinal()] = sums;
        }
        sums.add(Math.floorDiv(eventTimeMs, HOUR_MS), success ? 0 : 1, 1);
        lastEventMs = Math.max(lastEventMs, eventTimeMs);
    }

    /** A payment outcome at amount tier {@code tier} (an index into {@link ProbeEvidence#TIERS_SAT}). */
    public void addTier(int tier, long eventTimeMs, boolean success) {
        if (tiers == null) {
            tiers = new HourlySums(2 * ProbeEvidence.TIERS_SAT.length);
        }
        tiers.add(Math.floorDiv(eventTimeMs, HOUR_MS), 2 * tier + (success ? 0 : 1), 1);
        lastEventMs = Math.max(lastEventMs, eventTimeMs);
    }

    /** The hours holding tier outcomes from {@code fromHour} to {@code toHour}, oldest first: visitor gets {s0, f0, s1, f1, …}. */
    public void forEachTierHour(long fromHour, long toHour, HourlySums.Visitor visitor) {
        if (tiers != null) {
            tiers.forEach(fromHour, toHour, visitor);
        }
    }

    /** A payment probe that reached the target: its latency and route length feed regularity and routing quality. */
    public void addDelivery(long eventTimeMs, long latencyMs, long hops) {
        long hour = Math.floorDiv(eventTimeMs, HOUR_MS);
        deliveries.add(hour, 0, 1);
        deliveries.add(hour, 1, latencyMs);
        deliveries.add(hour, 2, latencyMs * latencyMs);
        deliveries.add(hour, 3, hops);
        deliveries.add(hour, 4, hops * hops);
    }

    /** Delivery sums over the hours from {@code fromHour} to {@code toHour}, inclusive. */
    public long[] deliveries(long fromHour, long toHour) {
        return deliveries.total(fromHour, toHour);
    }

    /** {successes, failures} of one source over the hours from {@code fromHour} to {@code toHour}, inclusive. */
    public long[] counts(EvidenceSource source, long fromHour, long toHour) {
        HourlySums sums = bySource[source.ordinal()];
        return sums == null ? new long[2] : sums.total(fromHour, toHour);
    }

    /** The hours of one source from {@code fromHour} to {@code toHour} inclusive that hold evidence, oldest first. */
    public void forEachHour(EvidenceSource source, long fromHour, long toHour, HourVisitor visitor) {
        HourlySums sums = bySource[source.ordinal()];
        if (sums != null) {
            sums.forEach(fromHour, toHour, (hour, d, offset) -> visitor.visit(hour, d[offset], d[offset + 1]));
        }
    }

    public boolean isEmpty(EvidenceSource source) {
        HourlySums sums = bySource[source.ordinal()];
        return sums == null || sums.isEmpty();
    }

    public long lastEventMs() {
        return lastEventMs;
    }

    /** Drops buckets that decay has made irrelevant (older than {@code horizonMs} before {@code asOfMs}). */
    public void prune(long asOfMs, long horizonMs) {
        long oldest = Math.floorDiv(asOfMs - horizonMs, HOUR_MS);
        for (HourlySums sums : bySource) {
            if (sums != null) {
                sums.dropBefore(oldest);
            }
        }
        deliveries.dropBefore(oldest);
        if (tiers != null) {
            tiers.dropBefore(oldest);
        }
    }
}
