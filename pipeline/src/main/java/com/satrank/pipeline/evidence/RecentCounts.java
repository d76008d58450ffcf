package com.satrank.pipeline.evidence;

import java.util.TreeMap;

/**
 * Events of one kind per hour of event time, network-wide, for "in the last 24 h" figures. Hourly
 * buckets make the count a function of event times only; older buckets are dropped as passes move on.
 */
public final class RecentCounts {
    private static final long DAY_HOURS = 24;
    private final TreeMap<Long, long[]> byHour = new TreeMap<>();

    public void add(long eventTimeMs) {
        byHour.computeIfAbsent(Math.floorDiv(eventTimeMs, NodeEvidence.HOUR_MS), h -> new long[1])[0]++;
    }

    /** Events in the 24 hour buckets ending with the one holding {@code asOfMs}. */
    public long lastDay(long asOfMs) {
        long now = Math.floorDiv(asOfMs, NodeEvidence.HOUR_MS);
        byHour.headMap(now - 2 * DAY_HOURS).clear();
        long total = 0;
        for (long[] count : byHour.subMap(now - DAY_HOURS + 1, true, now, true).values()) {
            total += count[0];
        }
        return total;
    }
}
