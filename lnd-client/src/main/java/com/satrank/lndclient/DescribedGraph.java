package com.satrank.lndclient;

import com.satrank.graph.GraphSnapshot;
import com.satrank.lnd.lnrpc.ChannelGraph;

/** A DescribeGraph answer as received and not yet mapped, so callers can time the mapping itself. */
public final class DescribedGraph {
    private final ChannelGraph graph;

    public DescribedGraph(ChannelGraph graph) {
        this.graph = graph;
    }

    public GraphSnapshot toSnapshot() {
        return new LndGraphMapper().toSnapshot(graph);
    }

    public int nodeCount() {
        return graph.getNodesCount();
    }

    public int channelCount() {
        return graph.getEdgesCount();
    }
}
