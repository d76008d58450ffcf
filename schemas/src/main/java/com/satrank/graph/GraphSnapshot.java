package com.satrank.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import java.util.Collections;
import java.util.Map;

/** A whole channel graph as our own event types: nodes by pubkey, channels by short channel id. */
public record GraphSnapshot(Map<ByteString, GraphNode> nodes, Map<Long, GraphChannel> channels) {
    public GraphSnapshot {
        nodes = Collections.unmodifiableMap(nodes);
        channels = Collections.unmodifiableMap(channels);
    }

    public byte[] digest() {
        return GraphDigest.of(nodes.values(), channels.values());
    }

    /** The order-independent digest readers check deltas with (see {@link GraphSum}). */
    public byte[] sum() {
        return GraphSum.of(nodes.values(), channels.values()).toBytes();
    }
}
