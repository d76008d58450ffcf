package com.satrank.pipeline.services;

/** One service_endpoints row as a pass writes it; {@code sources} comma-joined. */
public record EndpointRow(String urlHash, String url, String name, String description, String category,
                          String provider, String httpMethod, long advertisedPriceSats, Long priceSats,
                          String payeePubkey, String sources, String discoveryOutcome, boolean deprecated,
                          String deprecatedReason, long firstListedMs, Integer lastHttpStatus, Integer lastLatencyMs,
                          Long lastCheckedMs, long checkCount, long successCount, Double uptime7d,
                          Integer medianLatency7dMs, double pE2e, double pE2ePessimistic, double pE2eOptimistic,
                          int meaningfulStages, long paidProbes, long satsSpent, String operatorId) {
}
