package com.satrank.pipeline.scoring;

/**
 * The 0–100 composite as of a pass: the weighted total (two decimals) and its five integer
 * components, with the reputation's sub-signals; {@code centrality} and {@code peerTrust} are null
 * when unavailable (their weight then goes to the other sub-signals).
 */
public record CompositeScore(double score, int volume, int reputation, int seniority, int regularity, int diversity,
                             Integer centrality, Integer peerTrust, int routingQuality, int capacityTrend,
                             int feeStability) {
}
