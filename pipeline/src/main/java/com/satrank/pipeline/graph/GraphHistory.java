package com.satrank.pipeline.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.ChannelPolicy;
import com.satrank.events.v1.GraphChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What scoring needs from our own graph history, folded snapshot by snapshot in log order:
 * when each node changed its fees (base or rate of a policy it announced), and each node's total
 * capacity at the first applied snapshot of each UTC day. Both are kept for {@link #WINDOW_MS}
 * plus a day, so the fee count over the last 7 days and the capacity 7 days ago can be read as of
 * any later pass. Event time only.
 */
public final class GraphHistory {
    public static final long WINDOW_MS = 7L * 24 * 3600 * 1000;
    private static final long DAY_MS = 24L * 3600 * 1000;

    private final Map<ByteString, Deque<Long>> feeChanges = new HashMap<>();
    private final Map<ByteString, List<long[]>> dailyCapacity = new HashMap<>();
    private final LargestChannelHistory largestChannel = new LargestChannelHistory();
    private long lastSampledDay = Long.MIN_VALUE;

    /** Records one applied snapshot: {@code before} is the state it replaced, {@code upserted} what it rewrote. */
    void onSnapshot(long eventTimeMs, Map<Long, GraphChannel> before, Collection<GraphChannel> upserted,
                    Map<Long, GraphChannel> after) {
        beforeApply(eventTimeMs, before, upserted);
        afterApply(eventTimeMs, after);
    }

    /** Fee changes: each upserted channel against the graph it replaces (called before the graph changes). */
    void beforeApply(long eventTimeMs, Map<Long, GraphChannel> before, Collection<GraphChannel> upserted) {
        for (GraphChannel channel : upserted) {
            GraphChannel old = before.get(channel.getChannelId());
            if (old == null) {
                continue;
            }
            if (feeChanged(old.hasNode1Policy() ? old.getNode1Policy() : null,
                    channel.hasNode1Policy() ? channel.getNode1Policy() : null)) {
                feeChanges.computeIfAbsent(channel.getNode1Pubkey(), k -> new ArrayDeque<>()).addLast(eventTimeMs);
            }
            if (feeChanged(old.hasNode2Policy() ? old.getNode2Policy() : null,
                    channel.hasNode2Policy() ? channel.getNode2Policy() : null)) {
                feeChanges.computeIfAbsent(channel.getNode2Pubkey(), k -> new ArrayDeque<>()).addLast(eventTimeMs);
            }
        }
    }

    /** The day's capacity sample, taken from the first snapshot applied that day. */
    void afterApply(long eventTimeMs, Map<Long, GraphChannel> after) {
        long day = Math.floorDiv(eventTimeMs, DAY_MS);
        if (day != lastSampledDay) {
            lastSampledDay = day;
            sampleCapacity(eventTimeMs, after.values());
            prune(eventTimeMs);
        }
    }

    private static boolean feeChanged(ChannelPolicy old, ChannelPolicy now) {
        return old != null && now != null && (old.getFeeBaseMsat() != now.getFeeBaseMsat()
                || old.getFeeRatePpm() != now.getFeeRatePpm());
    }

    private void sampleCapacity(long eventTimeMs, Collection<GraphChannel> channels) {
        Map<ByteString, Long> capacity = new HashMap<>();
        for (GraphChannel c : channels) {
            capacity.merge(c.getNode1Pubkey(), c.getCapacitySat(), Long::sum);
            capacity.merge(c.getNode2Pubkey(), c.getCapacitySat(), Long::sum);
        }
        capacity.forEach((pubkey, sat) ->
                dailyCapacity.computeIfAbsent(pubkey, k -> new ArrayList<>()).add(new long[] {eventTimeMs, sat}));
    }

    private void prune(long nowMs) {
        long keepFrom = nowMs - WINDOW_MS - DAY_MS;
        feeChanges.values().forEach(q -> {
            while (!q.isEmpty() && q.peekFirst() < nowMs - WINDOW_MS) {
                q.pollFirst();
            }
        });
        feeChanges.values().removeIf(Deque::isEmpty);
        dailyCapacity.values().forEach(samples -> {
            // keep the newest sample at or before keepFrom, so "capacity 7 days ago" stays answerable
            int cut = 0;
            while (cut + 1 < samples.size() && samples.get(cut + 1)[0] <= keepFrom) {
                cut++;
            }
            samples.subList(0, cut).clear();
        });
    }

    /** Each node's largest enabled channel through time. */
    public LargestChannelHistory largestChannel() {
        return largestChannel;
    }

    /** Fee changes the node made in (asOf − 7 days, asOf]. */
    public int feeChanges(ByteString pubkey, long asOfMs) {
        Deque<Long> times = feeChanges.get(pubkey);
        if (times == null) {
            return 0;
        }
        int count = 0;
        for (long t : times) {
            if (t > asOfMs - WINDOW_MS && t <= asOfMs) {
                count++;
            }
        }
        return count;
    }

    /** The node's capacity at the newest daily sample taken at or before asOf − 7 days; -1 if none. */
    public long capacityWeekBefore(ByteString pubkey, long asOfMs) {
        List<long[]> samples = dailyCapacity.get(pubkey);
        long found = -1;
        if (samples != null) {
            for (long[] sample : samples) {
                if (sample[0] <= asOfMs - WINDOW_MS) {
                    found = sample[1];
                }
            }
        }
        return found;
    }
}
