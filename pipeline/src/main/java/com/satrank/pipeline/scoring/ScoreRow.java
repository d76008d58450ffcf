package com.satrank.pipeline.scoring;

/** One row of node_scores. Per-source values are null when the source has no evidence. */
public record ScoreRow(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, String verdict,
                       boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                       Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                       Double routeNObs, long lastEvidenceMs) {

    public static ScoreRow of(String nodeId, BayesianScore s) {
        var probe = s.sources().get("probe");
        var route = s.sources().get("route");
        return new ScoreRow(nodeId, s.pSuccess(), s.ci95Low(), s.ci95High(), s.nObs(), s.verdict().name(), s.converged(),
                probe == null ? null : probe.pSuccess(), probe == null ? null : probe.ci95Low(),
                probe == null ? null : probe.ci95High(), probe == null ? null : probe.nObs(),
                route == null ? null : route.pSuccess(), route == null ? null : route.ci95Low(),
                route == null ? null : route.ci95High(), route == null ? null : route.nObs(), s.lastEvidenceMs());
    }
}
