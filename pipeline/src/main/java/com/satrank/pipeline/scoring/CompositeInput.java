package com.satrank.pipeline.scoring;

/**
 * Everything the composite needs about one node as of a pass. Times are event times in ms (the
 * node's last gossip update in seconds, as LND gives it). {@code capacityWeekBeforeSat} is −1 when
 * no sample that old exists. Probe counts are payment probes of the base tier over the last 7 days;
 * {@code deliveries} the sums {count, Σ latency ms, Σ latency², Σ hops, Σ hops²} over those that
 * reached the node.
 */
public record CompositeInput(long asOfMs, int channels, int activeChannels, long capacitySat, int peers,
                             double pagerankPercentile, double betweennessPercentile, long firstSeenMs,
                             long lastUpdateS, int feeChanges7d, long capacityWeekBeforeSat, long probeSuccesses7d,
                             long probeFailures7d, long[] deliveries) {
}
