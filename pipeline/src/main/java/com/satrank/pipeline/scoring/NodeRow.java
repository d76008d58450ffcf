package com.satrank.pipeline.scoring;

/** One row of the nodes table: what the API shows for a node as of a graph snapshot (and its largest enabled channel, which the scores keep). */
public record NodeRow(String nodeId, String pubkey, String alias, String color, int channelCount,
                      int activeChannelCount, long capacitySat, int peerCount, double pagerank,
                      double pagerankPercentile, int graphRank, boolean stale, long lastUpdateS, long firstSeenMs,
                      double betweenness, double betweennessPercentile, long maxChannelSat) {
}
