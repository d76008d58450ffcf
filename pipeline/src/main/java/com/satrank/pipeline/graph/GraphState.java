package com.satrank.pipeline.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import com.satrank.events.v1.GraphSnapshotCompleted;
import com.satrank.events.v1.GraphSnapshotStarted;
import com.satrank.graph.GraphDigest;
import com.satrank.graph.GraphSum;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The channel graph as a fold over the graph log, in log order. A snapshot's events are held
 * aside until its GraphSnapshotCompleted arrives; only then is it applied, so a snapshot cut short
 * by a crash never shows. A delta is applied only on top of the snapshot it was computed against,
 * and only if the result's digest matches the one ingest recorded; otherwise it is rejected and the
 * state waits for the next keyframe. First sightings are the event time of the snapshot that first
 * held the node. Pure: event in, state out.
 */
public final class GraphState {
    private Map<ByteString, GraphNode> nodes = new HashMap<>();
    private Map<Long, GraphChannel> channels = new HashMap<>();
    private final Map<ByteString, Long> firstSeenMs = new HashMap<>();
    private final GraphHistory history = new GraphHistory();
    private long appliedSnapshotId = -1;
    private long asOfMs;
    private byte[] digest = new byte[0];
    private GraphSum sum = GraphSum.empty();
    private Pending pending;
    private long rejectedSnapshots;

    private static final class Pending {
        final long id;
        final boolean keyframe;
        final boolean usable;
        final List<GraphNode> upsertNodes = new ArrayList<>();
        final List<ByteString> removeNodes = new ArrayList<>();
        final List<GraphChannel> upsertChannels = new ArrayList<>();
        final List<Long> removeChannels = new ArrayList<>();

        Pending(long id, boolean keyframe, boolean usable) {
            this.id = id;
            this.keyframe = keyframe;
            this.usable = usable;
        }
    }

    /** Applies one graph-log event; true when it completed (and applied) a snapshot. */
    public boolean apply(Event event) {
        switch (event.getPayloadCase()) {
            case GRAPH_SNAPSHOT_STARTED -> start(event.getGraphSnapshotStarted());
            case GRAPH_NODES_UPSERTED -> {
                if (matches(event.getGraphNodesUpserted().getSnapshotId())) {
                    pending.upsertNodes.addAll(event.getGraphNodesUpserted().getNodesList());
                }
            }
            case GRAPH_NODES_REMOVED -> {
                if (matches(event.getGraphNodesRemoved().getSnapshotId())) {
                    pending.removeNodes.addAll(event.getGraphNodesRemoved().getPubkeysList());
                }
            }
            case GRAPH_CHANNELS_UPSERTED -> {
                if (matches(event.getGraphChannelsUpserted().getSnapshotId())) {
                    pending.upsertChannels.addAll(event.getGraphChannelsUpserted().getChannelsList());
                }
            }
            case GRAPH_CHANNELS_REMOVED -> {
                if (matches(event.getGraphChannelsRemoved().getSnapshotId())) {
                    pending.removeChannels.addAll(event.getGraphChannelsRemoved().getChannelIdsList());
                }
            }
            case GRAPH_SNAPSHOT_COMPLETED -> {
                return complete(event.getGraphSnapshotCompleted(), event.getEventTimeMs());
            }
            default -> {
                return false;
            }
        }
        return false;
    }

    private void start(GraphSnapshotStarted started) {
        boolean usable = started.getKeyframe() || started.getBaseSnapshotId() == appliedSnapshotId;
        pending = new Pending(started.getSnapshotId(), started.getKeyframe(), usable);
    }

    private boolean matches(long snapshotId) {
        return pending != null && pending.usable && pending.id == snapshotId;
    }

    private boolean complete(GraphSnapshotCompleted completed, long eventTimeMs) {
        if (!matches(completed.getSnapshotId())) {
            if (pending != null && pending.id == completed.getSnapshotId()) {
                rejectedSnapshots++;
            }
            pending = null;
            return false;
        }
        Pending applying = pending;
        pending = null;
        boolean applied = completed.getGraphSum().isEmpty() ? applyCheckedByDigest(applying, completed, eventTimeMs)
                : applyCheckedBySum(applying, completed, eventTimeMs);
        if (!applied) {
            rejectedSnapshots++;
            return false;
        }
        appliedSnapshotId = completed.getSnapshotId();
        asOfMs = eventTimeMs;
        return true;
    }

    /**
     * Snapshots written with a {@link GraphSum}: the resulting sum is worked out from the current
     * graph and the delta's own elements, and only if it matches is the graph changed, in place.
     */
    private boolean applyCheckedBySum(Pending delta, GraphSnapshotCompleted completed, long eventTimeMs) {
        // Last operation per key wins, removals before upserts, as ingest wrote them.
        Map<ByteString, GraphNode> touchedNodes = new LinkedHashMap<>();
        Map<Long, GraphChannel> touchedChannels = new LinkedHashMap<>();
        delta.removeNodes.forEach(pubkey -> touchedNodes.put(pubkey, null));
        delta.removeChannels.forEach(id -> touchedChannels.put(id, null));
        delta.upsertNodes.forEach(n -> touchedNodes.put(n.getPubkey(), n));
        delta.upsertChannels.forEach(c -> touchedChannels.put(c.getChannelId(), c));
        GraphSum after;
        if (delta.keyframe) {
            after = GraphSum.of(touchedNodes.values().stream().filter(Objects::nonNull).toList(),
                    touchedChannels.values().stream().filter(Objects::nonNull).toList());
        } else {
            after = currentSum().copy();
            replaceTerms(touchedNodes, nodes, after::remove, after::add);
            replaceTerms(touchedChannels, channels, after::remove, after::add);
        }
        byte[] expected = completed.getGraphSum().toByteArray();
        if (!Arrays.equals(after.toBytes(), expected)) {
            return false;
        }
        history.beforeApply(eventTimeMs, channels, delta.upsertChannels);
        if (delta.keyframe) {
            nodes = new HashMap<>();
            channels = new HashMap<>();
        } else {
            history.largestChannel().onDelta(eventTimeMs, channels, touchedChannels);
        }
        touchedNodes.forEach((pubkey, now) -> {
            if (now == null) {
                nodes.remove(pubkey);
            } else {
                nodes.put(pubkey, now);
                firstSeenMs.putIfAbsent(pubkey, eventTimeMs);
            }
        });
        touchedChannels.forEach((id, now) -> {
            if (now == null) {
                channels.remove(id);
            } else {
                channels.put(id, now);
            }
        });
        history.afterApply(eventTimeMs, channels);
        if (delta.keyframe) {
            history.largestChannel().onGraph(eventTimeMs, channels);
        }
        sum = after;
        digest = expected;
        return true;
    }

    /** Takes each touched element's current term out of a sum and puts its new one (if any) in. */
    private static <K, V> void replaceTerms(Map<K, V> touched, Map<K, V> current, java.util.function.Consumer<V> remove,
                                            java.util.function.Consumer<V> add) {
        touched.forEach((key, now) -> {
            V before = current.get(key);
            if (before != null) {
                remove.accept(before);
            }
            if (now != null) {
                add.accept(now);
            }
        });
    }

    /** Snapshots from writers before {@link GraphSum}: the canonical digest of the whole resulting graph. */
    private boolean applyCheckedByDigest(Pending delta, GraphSnapshotCompleted completed, long eventTimeMs) {
        Map<ByteString, GraphNode> newNodes = delta.keyframe ? new HashMap<>() : new HashMap<>(nodes);
        Map<Long, GraphChannel> newChannels = delta.keyframe ? new HashMap<>() : new HashMap<>(channels);
        delta.removeNodes.forEach(newNodes::remove);
        delta.removeChannels.forEach(newChannels::remove);
        delta.upsertNodes.forEach(n -> newNodes.put(n.getPubkey(), n));
        delta.upsertChannels.forEach(c -> newChannels.put(c.getChannelId(), c));
        byte[] newDigest = GraphDigest.of(newNodes.values(), newChannels.values());
        if (!Arrays.equals(newDigest, completed.getGraphDigest().toByteArray())) {
            return false;
        }
        history.beforeApply(eventTimeMs, channels, delta.upsertChannels);
        history.afterApply(eventTimeMs, newChannels);
        history.largestChannel().onGraph(eventTimeMs, newChannels);
        nodes = newNodes;
        channels = newChannels;
        digest = newDigest;
        sum = null;
        for (ByteString pubkey : nodes.keySet()) {
            firstSeenMs.putIfAbsent(pubkey, eventTimeMs);
        }
        return true;
    }

    /** The sum of the applied graph; worked out once after a snapshot checked the old way. */
    private GraphSum currentSum() {
        if (sum == null) {
            sum = GraphSum.of(nodes.values(), channels.values());
        }
        return sum;
    }

    public Map<ByteString, GraphNode> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    public Map<Long, GraphChannel> channels() {
        return Collections.unmodifiableMap(channels);
    }

    public long firstSeenMs(ByteString pubkey) {
        return firstSeenMs.getOrDefault(pubkey, asOfMs);
    }

    /** Fee changes and daily capacities from the snapshots applied so far. */
    public GraphHistory history() {
        return history;
    }

    public long appliedSnapshotId() {
        return appliedSnapshotId;
    }

    public long asOfMs() {
        return asOfMs;
    }

    public byte[] digest() {
        return digest.clone();
    }

    public long rejectedSnapshots() {
        return rejectedSnapshots;
    }
}
