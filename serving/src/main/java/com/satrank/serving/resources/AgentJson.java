package com.satrank.serving.resources;

import com.satrank.serving.db.NodeView;

/**
 * JSON shapes for nodes, with the original's field names so its clients keep working
 * ({@code publicKeyHash}, {@code totalTransactions} = channel count for Lightning nodes).
 */
final class AgentJson {
    private AgentJson() {
    }

    record LightningGraph(String publicKey, int channels, int activeChannels, long capacitySats, int peers,
                          double pagerank, double pagerankPercentile) {
        static LightningGraph from(NodeView n) {
            return new LightningGraph(n.pubkey(), n.channelCount(), n.activeChannelCount(), n.capacitySat(),
                    n.peerCount(), n.pagerank(), round2(n.pagerankPercentile()));
        }
    }

    record TopEntry(String publicKeyHash, String publicKey, String alias, Integer rank, int totalTransactions,
                    String source, LightningGraph lightningGraph) {
        static TopEntry from(NodeView n) {
            return new TopEntry(n.nodeId(), n.pubkey(), n.alias(), liveRank(n), n.channelCount(), "lightning_graph",
                    LightningGraph.from(n));
        }
    }

    record Agent(String publicKeyHash, String publicKey, String alias, String color, long firstSeen, long lastSeen,
                 String source, boolean stale, Integer rank) {
    }

    record AgentDetail(Agent agent, LightningGraph lightningGraph) {
        static AgentDetail from(NodeView n) {
            return new AgentDetail(new Agent(n.nodeId(), n.pubkey(), n.alias(), n.color(), n.firstSeenMs() / 1000,
                    n.lastUpdateS(), "lightning_graph", n.stale(), liveRank(n)), LightningGraph.from(n));
        }
    }

    private static Integer liveRank(NodeView n) {
        return n.stale() ? null : n.graphRank();
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
