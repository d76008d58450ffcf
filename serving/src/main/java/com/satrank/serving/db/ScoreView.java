package com.satrank.serving.db;

/** A node_scores row; per-source values are null when that source has no evidence. */
public record ScoreView(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, String verdict,
                        boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                        Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                        Double routeNObs, Double reportPSuccess, Double reportCi95Low, Double reportCi95High,
                        Double reportNObs, long lastEvidenceMs) {
}
