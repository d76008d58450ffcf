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
    private long lastEventMs = Long.MIN_VALUE;

    public void add(EvidenceSource source, long eventTimeMs, boolean success) {
        int[] counts = byHour.computeIfAbsent(source, s -> new TreeMap<>())
                .computeIfAbsent(Math.floorDiv(eventTimeMs, HOUR_MS), h -> new int[2]);
        counts[success ? 0 : 1]++;
        lastEventMs = Math.max(lastEventMs, eventTimeMs);
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
    }
}
