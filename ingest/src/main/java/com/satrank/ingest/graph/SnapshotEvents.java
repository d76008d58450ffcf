package com.satrank.ingest.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphChannelsRemoved;
import com.satrank.events.v1.GraphChannelsUpserted;
import com.satrank.events.v1.GraphNode;
import com.satrank.events.v1.GraphNodesRemoved;
import com.satrank.events.v1.GraphNodesUpserted;
import com.satrank.events.v1.GraphSnapshotCompleted;
import com.satrank.events.v1.GraphSnapshotStarted;
import com.satrank.graph.GraphSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a fetched graph into the bounded event sequence of one snapshot: started, batches of
 * upserts and removals, completed. A keyframe lists everything; a delta lists only what differs
 * from {@code previous}, so an unchanged graph costs two small events. Pure: no I/O, no clock.
 */
public final class SnapshotEvents {
    /** Items per upsert/removal event: keeps every document small and bounded. */
    static final int BATCH = 1000;

    private SnapshotEvents() {
    }

    public static List<Event.Builder> keyframe(long snapshotId, GraphSnapshot current, long fetchedAtMs) {
        return build(snapshotId, true, 0L, GraphSnapshotDiff.everything(current), current, fetchedAtMs);
    }

    public static List<Event.Builder> delta(long snapshotId, long baseSnapshotId, GraphSnapshot previous,
                                            GraphSnapshot current, long fetchedAtMs) {
        return build(snapshotId, false, baseSnapshotId, GraphSnapshotDiff.between(previous, current), current,
                fetchedAtMs);
    }

    private static List<Event.Builder> build(long snapshotId, boolean keyframe, long base, GraphSnapshotDiff diff,
                                             GraphSnapshot current, long fetchedAtMs) {
        List<Event.Builder> events = new ArrayList<>();
        events.add(Event.newBuilder().setGraphSnapshotStarted(GraphSnapshotStarted.newBuilder()
                .setSnapshotId(snapshotId).setKeyframe(keyframe).setBaseSnapshotId(base)));
        for (List<GraphNode> batch : batches(diff.upsertedNodes())) {
            events.add(Event.newBuilder().setGraphNodesUpserted(
                    GraphNodesUpserted.newBuilder().setSnapshotId(snapshotId).addAllNodes(batch)));
        }
        for (List<GraphChannel> batch : batches(diff.upsertedChannels())) {
            events.add(Event.newBuilder().setGraphChannelsUpserted(
                    GraphChannelsUpserted.newBuilder().setSnapshotId(snapshotId).addAllChannels(batch)));
        }
        for (List<ByteString> batch : batches(diff.removedNodes())) {
            events.add(Event.newBuilder().setGraphNodesRemoved(
                    GraphNodesRemoved.newBuilder().setSnapshotId(snapshotId).addAllPubkeys(batch)));
        }
        for (List<Long> batch : batches(diff.removedChannels())) {
            events.add(Event.newBuilder().setGraphChannelsRemoved(
                    GraphChannelsRemoved.newBuilder().setSnapshotId(snapshotId).addAllChannelIds(batch)));
        }
        Map<ByteString, GraphNode> nodes = current.nodes();
        events.add(Event.newBuilder().setGraphSnapshotCompleted(GraphSnapshotCompleted.newBuilder()
                .setSnapshotId(snapshotId)
                .setNodeCount(nodes.size())
                .setChannelCount(current.channels().size())
                .setGraphSum(ByteString.copyFrom(current.sum()))
                .setFetchedAtMs(fetchedAtMs)));
        return events;
    }

    private static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += BATCH) {
            out.add(items.subList(i, Math.min(items.size(), i + BATCH)));
        }
        return out;
    }
}
