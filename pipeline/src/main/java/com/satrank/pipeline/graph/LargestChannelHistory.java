package com.satrank.pipeline.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.ChannelPolicy;
import com.satrank.events.v1.GraphChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each node's largest enabled channel through event time, kept as change points, so a probe of an
 * amount is read against the channel it met rather than the one the node has now. Without it a node
 * that lost its big channel brought the successes of its big-channel days to the steep end of the
 * liquidity curve, and the curve came out too high exactly there.
 */
public final class LargestChannelHistory {
    /** Change points older than this are dropped (the newest of them stays, to answer for its time). */
    static final long KEEP_MS = 30L * 24 * 3600 * 1000;

    private final Map<ByteString, List<long[]>> changes = new HashMap<>();

    /** A channel counts as enabled when either side announced a policy that is not disabled. */
    public static boolean enabled(GraphChannel c) {
        return enabled(c.hasNode1Policy() ? c.getNode1Policy() : null)
                || enabled(c.hasNode2Policy() ? c.getNode2Policy() : null);
    }

    private static boolean enabled(ChannelPolicy policy) {
        return policy != null && !policy.getDisabled();
    }

    /** Records the graph as applied at {@code eventTimeMs}; a node that left it, or lost every enabled channel, has 0. */
    void onSnapshot(long eventTimeMs, Map<Long, GraphChannel> channels) {
        Map<ByteString, Long> largest = new HashMap<>();
        for (GraphChannel c : channels.values()) {
            if (enabled(c) && !c.getNode1Pubkey().equals(c.getNode2Pubkey())) {
                largest.merge(c.getNode1Pubkey(), c.getCapacitySat(), Math::max);
                largest.merge(c.getNode2Pubkey(), c.getCapacitySat(), Math::max);
            }
        }
        changes.forEach((pubkey, points) -> {
            if (!largest.containsKey(pubkey)) {
                record(points, eventTimeMs, 0);
            }
        });
        largest.forEach((pubkey, sat) -> record(changes.computeIfAbsent(pubkey, k -> new ArrayList<>()), eventTimeMs, sat));
        prune(eventTimeMs);
    }

    private static void record(List<long[]> points, long eventTimeMs, long sat) {
        if (points.isEmpty() || points.get(points.size() - 1)[1] != sat) {
            points.add(new long[] {eventTimeMs, sat});
        }
    }

    private void prune(long nowMs) {
        long keepFrom = nowMs - KEEP_MS;
        changes.values().forEach(points -> {
            int cut = 0;
            while (cut + 1 < points.size() && points.get(cut + 1)[0] <= keepFrom) {
                cut++;
            }
            if (cut > 0) {
                points.subList(0, cut).clear();
            }
        });
        changes.values().removeIf(points -> points.size() == 1 && points.get(0)[1] == 0 && points.get(0)[0] <= keepFrom);
    }

    /**
     * The node's largest enabled channel at {@code timeMs}: the last change at or before it, the first
     * known one for a time before any snapshot showed the node, 0 for a node never seen with one.
     */
    public long at(ByteString pubkey, long timeMs) {
        List<long[]> points = changes.get(pubkey);
        if (points == null || points.isEmpty()) {
            return 0;
        }
        long found = points.get(0)[1];
        for (long[] point : points) {
            if (point[0] > timeMs) {
                break;
            }
            found = point[1];
        }
        return found;
    }
}
