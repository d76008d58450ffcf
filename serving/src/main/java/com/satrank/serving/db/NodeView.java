package com.satrank.serving.db;

/** A nodes-table row as serving reads it. */
public record NodeView(String nodeId, String pubkey, String alias, String color, int channelCount,
                       int activeChannelCount, long capacitySat, int peerCount, double pagerank,
                       double pagerankPercentile, int graphRank, boolean stale, long lastUpdateS, long firstSeenMs,
                       double betweenness, double betweennessPercentile) {
}
