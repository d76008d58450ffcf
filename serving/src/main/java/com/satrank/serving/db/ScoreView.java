package com.satrank.serving.db;

/**
 * A node_scores row; per-source values are null when that source has no evidence, centrality and
 * peer trust when unavailable, reachability without payment probes in the last 7 days.
 */
public record ScoreView(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, String verdict,
                        boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                        Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                        Double routeNObs, Double reportPSuccess, Double reportCi95Low, Double reportCi95High,
                        Double reportNObs, long lastEvidenceMs, double score, int volume, int reputation,
                        int seniority, int regularity, int diversity, Integer centrality, Integer peerTrust,
                        int routingQuality, int capacityTrend, int feeStability, long activity24h, long activity7d,
                        long activity30d, String riskProfile, Double reachability,
                        int timeConstantDays) {
}
