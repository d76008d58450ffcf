package com.satrank.serving.db;

/** The network_stats row. */
public record NetworkStatsView(int nodeCount, int liveNodeCount, int channelCount, long capacitySat, long snapshotId,
                               String graphDigest, long asOfMs, long probes24h, long reports24h) {
}
