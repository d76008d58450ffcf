package com.satrank.ingest.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import com.satrank.graph.GraphDigest;
import com.satrank.graph.GraphSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What changed between two graphs, each list in canonical order so the log bytes are reproducible. */
public record GraphSnapshotDiff(List<GraphNode> upsertedNodes, List<ByteString> removedNodes,
                                List<GraphChannel> upsertedChannels, List<Long> removedChannels) {

    static GraphSnapshotDiff everything(GraphSnapshot current) {
        return between(new GraphSnapshot(java.util.Map.of(), java.util.Map.of()), current);
    }

    static GraphSnapshotDiff between(GraphSnapshot previous, GraphSnapshot current) {
        List<GraphNode> upNodes = new ArrayList<>();
        current.nodes().forEach((key, node) -> {
            if (!node.equals(previous.nodes().get(key))) {
                upNodes.add(node);
            }
        });
        List<ByteString> goneNodes = new ArrayList<>();
        previous.nodes().keySet().forEach(key -> {
            if (!current.nodes().containsKey(key)) {
                goneNodes.add(key);
            }
        });
        List<GraphChannel> upChannels = new ArrayList<>();
        current.channels().forEach((id, channel) -> {
            if (!channel.equals(previous.channels().get(id))) {
                upChannels.add(channel);
            }
        });
        List<Long> goneChannels = new ArrayList<>();
        previous.channels().keySet().forEach(id -> {
            if (!current.channels().containsKey(id)) {
                goneChannels.add(id);
            }
        });
        upNodes.sort(Comparator.comparing(GraphNode::getPubkey, GraphDigest.PUBKEY_ORDER));
        goneNodes.sort(GraphDigest.PUBKEY_ORDER);
        upChannels.sort((a, b) -> Long.compareUnsigned(a.getChannelId(), b.getChannelId()));
        goneChannels.sort(Long::compareUnsigned);
        return new GraphSnapshotDiff(upNodes, goneNodes, upChannels, goneChannels);
    }

    public boolean isEmpty() {
        return upsertedNodes.isEmpty() && removedNodes.isEmpty() && upsertedChannels.isEmpty()
                && removedChannels.isEmpty();
    }
}
