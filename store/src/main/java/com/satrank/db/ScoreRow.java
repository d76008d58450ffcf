package com.satrank.db;

import com.satrank.model.Verdict;

/**
 * One row of node_scores, as the pipeline writes it and the API reads it: the posterior (per-source
 * values are null when the source has no evidence), the composite with its components (centrality
 * and peer trust null when unavailable), and the node's recent activity (reachability null without
 * payment probes in the last 7 days).
 */
public record ScoreRow(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, Verdict verdict,
                       boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                       Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                       Double routeNObs, Double reportPSuccess, Double reportCi95Low, Double reportCi95High,
                       Double reportNObs, long lastEvidenceMs, double score, int volume, int reputation,
                       int seniority, int regularity, int diversity, Integer centrality, Integer peerTrust,
                       int routingQuality, int capacityTrend, int feeStability, long activity24h, long activity7d,
                       long activity30d, String riskProfile, Double reachability,
                       int timeConstantDays) {
}
