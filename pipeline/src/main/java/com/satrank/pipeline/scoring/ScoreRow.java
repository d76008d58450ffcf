package com.satrank.pipeline.scoring;

/**
 * One row of node_scores: the posterior (per-source values are null when the source has no
 * evidence), the composite with its components, and the node's recent activity.
 */
public record ScoreRow(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, String verdict,
                       boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                       Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                       Double routeNObs, Double reportPSuccess, Double reportCi95Low, Double reportCi95High,
                       Double reportNObs, long lastEvidenceMs, double score, int volume, int reputation,
                       int seniority, int regularity, int diversity, Integer centrality, Integer peerTrust,
                       int routingQuality, int capacityTrend, int feeStability, long activity24h, long activity7d,
                       long activity30d, String riskProfile, Double reachability,
                       int timeConstantDays) {

    public static ScoreRow of(String nodeId, BayesianScore s, CompositeScore c, Activity a, int timeConstantDays) {
        var probe = s.sources().get("probe");
        var route = s.sources().get("route");
        var report = s.sources().get("report");
        return new ScoreRow(nodeId, s.pSuccess(), s.ci95Low(), s.ci95High(), s.nObs(), s.verdict().name(), s.converged(),
                p(probe), lo(probe), hi(probe), n(probe), p(route), lo(route), hi(route), n(route),
                p(report), lo(report), hi(report), n(report), s.lastEvidenceMs(), c.score(), c.volume(),
                c.reputation(), c.seniority(), c.regularity(), c.diversity(), c.centrality(), c.peerTrust(),
                c.routingQuality(), c.capacityTrend(), c.feeStability(), a.last24h(), a.last7d(), a.last30d(),
                a.riskProfile(), a.reachability(), timeConstantDays);
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
