package com.satrank.graph;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Comparator;

/**
 * SHA-256 over the canonical encoding of a whole graph: nodes in pubkey order, then channels in
 * channel-id order. Ingest puts it in every GraphSnapshotCompleted; the pipeline recomputes it after
 * applying a delta, so a delta applied to the wrong base is detected instead of silently trusted.
 */
public final class GraphDigest {
    public static final Comparator<ByteString> PUBKEY_ORDER = ByteString.unsignedLexicographicalComparator();

    private GraphDigest() {
    }

    public static byte[] of(Collection<GraphNode> nodes, Collection<GraphChannel> channels) {
        MessageDigest sha = com.satrank.model.Sha256.digest();
        nodes.stream()
                .sorted(Comparator.comparing(GraphNode::getPubkey, PUBKEY_ORDER))
                .forEach(n -> sha.update(n.toByteArray()));
        channels.stream()
                .sorted((a, b) -> Long.compareUnsigned(a.getChannelId(), b.getChannelId()))
                .forEach(c -> sha.update(c.toByteArray()));
        return sha.digest();
    }
}
