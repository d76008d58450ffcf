package com.satrank.pipeline.evidence;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Integer success/failure counts of one node per (source, hour of event time), for the base
 * amount tier. Counts only ever add, so the totals do not depend on the order observations arrive
 * in; everything derived from them is computed in hour order.
 */
public final class NodeEvidence {
    public static final long HOUR_MS = 3_600_000L;

    private final Map<EvidenceSource, TreeMap<Long, int[]>> byHour = new EnumMap<>(EvidenceSource.class);
    /** Delivered payment probes per hour: {count, Σ latency ms, Σ latency², Σ hops, Σ hops²}, exact integers. */
    private final TreeMap<Long, long[]> deliveries = new TreeMap<>();
    private long lastEventMs = Long.MIN_VALUE;
    /**
     * The bucket each source last added to, and the delivery bucket likewise: evidence arrives in
     * time order, so nearly every add lands in the same hour as the one before and skips the tree
     * lookup (a month's replay adds tens of millions).
     */
    private final long[] lastHour = newLastHours();
    private final int[][] lastCounts = new int[EvidenceSource.values().length][];
    private long lastDeliveryHour = Long.MIN_VALUE;
    private long[] lastDelivery;

    private static long[] newLastHours() {
        long[] hours = new long[EvidenceSource.values().length];
        java.util.Arrays.fill(hours, Long.MIN_VALUE);
        return hours;
    }

    public void add(EvidenceSource source, long eventTimeMs, boolean success) {
        long hour = Math.floorDiv(eventTimeMs, HOUR_MS);
        int slot = source.ordinal();
        int[] counts = lastCounts[slot];
        if (counts == null || lastHour[slot] != hour) {
            counts = byHour.computeIfAbsent(source, s -> new TreeMap<>()).computeIfAbsent(hour, h -> new int[2]);
            lastCounts[slot] = counts;
            lastHour[slot] = hour;
        }
        counts[success ? 0 : 1]++;
        lastEventMs = Math.max(lastEventMs, eventTimeMs);
    }

    /** A payment probe that reached the target: its latency and route length feed regularity and routing quality. */
    public void addDelivery(long eventTimeMs, long latencyMs, long hops) {
        long hour = Math.floorDiv(eventTimeMs, HOUR_MS);
        long[] sums = lastDelivery;
        if (sums == null || lastDeliveryHour != hour) {
            sums = deliveries.computeIfAbsent(hour, h -> new long[5]);
            lastDelivery = sums;
            lastDeliveryHour = hour;
        }
        sums[0]++;
        sums[1] += latencyMs;
        sums[2] += latencyMs * latencyMs;
        sums[3] += hops;
        sums[4] += hops * hops;
    }

    /** Delivery sums over the hours from {@code fromHour} to {@code toHour}, inclusive. */
    public long[] deliveries(long fromHour, long toHour) {
        long[] total = new long[5];
        for (long[] sums : deliveries.subMap(fromHour, true, toHour, true).values()) {
            for (int i = 0; i < total.length; i++) {
                total[i] += sums[i];
            }
        }
        return total;
    }

    /** {successes, failures} of one source over the hours from {@code fromHour} to {@code toHour}, inclusive. */
    public long[] counts(EvidenceSource source, long fromHour, long toHour) {
        long[] total = new long[2];
        for (int[] c : hours(source).subMap(fromHour, true, toHour, true).values()) {
            total[0] += c[0];
            total[1] += c[1];
        }
        return total;
    }

    /** Hour buckets of one source: hour index → {successes, failures}. */
    public TreeMap<Long, int[]> hours(EvidenceSource source) {
        return byHour.getOrDefault(source, new TreeMap<>());
    }

    public long lastEventMs() {
        return lastEventMs;
    }

    /** Drops buckets that decay has made irrelevant (older than {@code horizonMs} before {@code asOfMs}). */
    public void prune(long asOfMs, long horizonMs) {
        long oldest = Math.floorDiv(asOfMs - horizonMs, HOUR_MS);
        byHour.values().forEach(m -> m.headMap(oldest).clear());
        deliveries.headMap(oldest).clear();
        java.util.Arrays.fill(lastCounts, null); // a cached bucket may just have been dropped
        lastDelivery = null;
    }
}
