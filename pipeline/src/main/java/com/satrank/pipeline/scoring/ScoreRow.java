package com.satrank.pipeline.scoring;

/** One row of node_scores. Per-source values are null when the source has no evidence. */
public record ScoreRow(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, String verdict,
                       boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                       Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                       Double routeNObs, Double reportPSuccess, Double reportCi95Low, Double reportCi95High,
                       Double reportNObs, long lastEvidenceMs) {

    public static ScoreRow of(String nodeId, BayesianScore s) {
        var probe = s.sources().get("probe");
        var route = s.sources().get("route");
        var report = s.sources().get("report");
        return new ScoreRow(nodeId, s.pSuccess(), s.ci95Low(), s.ci95High(), s.nObs(), s.verdict().name(), s.converged(),
                p(probe), lo(probe), hi(probe), n(probe), p(route), lo(route), hi(route), n(route),
                p(report), lo(report), hi(report), n(report), s.lastEvidenceMs());
    }

    private static Double p(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.pSuccess();
    }

    private static Double lo(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.ci95Low();
    }

    private static Double hi(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.ci95High();
    }

    private static Double n(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.nObs();
    }
}
