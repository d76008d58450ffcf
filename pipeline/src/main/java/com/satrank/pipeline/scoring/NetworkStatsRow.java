package com.satrank.pipeline.scoring;

/** The single network_stats row. Channels are counted once each, not once per endpoint. */
public record NetworkStatsRow(int nodeCount, int liveNodeCount, int channelCount, long capacitySat, long snapshotId,
                              String graphDigest, long asOfMs, long probesApplied, long probes24h,
                              long reports24h) {
    /** The same graph totals as of a scoring pass, with the probes applied so far and the last 24 h's counts. */
    public NetworkStatsRow forPass(long passAsOfMs, long probes, long probesLastDay, long reportsLastDay) {
        return new NetworkStatsRow(nodeCount, liveNodeCount, channelCount, capacitySat, snapshotId, graphDigest,
                passAsOfMs, probes, probesLastDay, reportsLastDay);
    }
}
