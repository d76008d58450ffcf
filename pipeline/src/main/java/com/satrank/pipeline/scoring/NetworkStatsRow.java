package com.satrank.pipeline.scoring;

/** The single network_stats row. Channels are counted once each, not once per endpoint. */
public record NetworkStatsRow(int nodeCount, int liveNodeCount, int channelCount, long capacitySat, long snapshotId,
                              String graphDigest, long asOfMs, long probesApplied) {
    /** The same graph totals as of a scoring pass, with the probes applied so far. */
    public NetworkStatsRow forPass(long passAsOfMs, long probes) {
        return new NetworkStatsRow(nodeCount, liveNodeCount, channelCount, capacitySat, snapshotId, graphDigest,
                passAsOfMs, probes);
    }
}
