package com.satrank.serving.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.satrank.db.ScoreRow;
import com.satrank.model.EvidenceRules;
import com.satrank.model.ScoringParams;
import com.satrank.model.Verdict;
import com.satrank.model.amount.NodeReliability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's BayesianScoreBlock (snake_case, 3-decimal rounding), from a node_scores row.
 * Sources are {@code probe} (payment probes), {@code route} (pathfinding) and {@code report}
 * (agents' reports, proven ones weighted 1.0, others 0.3).
 */
record BayesianJson(@JsonProperty("p_success") double pSuccess, @JsonProperty("ci95_low") double ci95Low,
                    @JsonProperty("ci95_high") double ci95High, @JsonProperty("n_obs") double nObs, Verdict verdict,
                    Map<String, Source> sources, Convergence convergence,
                    @JsonProperty("recent_activity") RecentActivity recentActivity,
                    @JsonProperty("risk_profile") String riskProfile,
                    @JsonProperty("time_constant_days") int timeConstantDays,
                    @JsonProperty("last_update") long lastUpdate, @JsonProperty("is_meaningful") boolean isMeaningful,
                    @JsonProperty("amount_sats") long amountSats) {
    static final double CONVERGENCE_THRESHOLD = EvidenceRules.CONVERGENCE_THRESHOLD;

    record Source(@JsonProperty("p_success") double pSuccess, @JsonProperty("ci95_low") double ci95Low,
                  @JsonProperty("ci95_high") double ci95High, @JsonProperty("n_obs") double nObs) {
    }

    /** Observations of every source (undecayed) in the last 24 h, 7 d and 30 d of event time. */
    record RecentActivity(@JsonProperty("last_24h") long last24h, @JsonProperty("last_7d") long last7d,
                          @JsonProperty("last_30d") long last30d) {
    }

    record Convergence(boolean converged, @JsonProperty("sources_above_threshold") List<String> sourcesAboveThreshold,
                       double threshold) {
    }

    /** The answer for a node SatRank does not know: the prior, flagged as not meaningful. */
    static BayesianJson unknownNode() {
        return unknownNode(NodeReliability.DEFAULT_AMOUNT_SAT);
    }

    static BayesianJson unknownNode(long amountSats) {
        Map<String, Source> none = new LinkedHashMap<>();
        none.put("probe", null);
        none.put("route", null);
        none.put("report", null);
        return new BayesianJson(0.5, 0.0, 1.0, 0.0, Verdict.INSUFFICIENT, none,
                new Convergence(false, List.of(), CONVERGENCE_THRESHOLD), new RecentActivity(0, 0, 0), "unknown",
                ScoringParams.DEFAULT.timeConstantDays(), 0,
                false, amountSats);
    }

    static BayesianJson from(ScoreRow s, long nowMs) {
        return from(s, NodeReliability.DEFAULT_AMOUNT_SAT, nowMs);
    }

    /** {@code s} already answers for {@code amountSats} ({@link ScoreRow#atAmount}). */
    static BayesianJson from(ScoreRow s, long amountSats, long nowMs) {
        Map<String, Source> sources = new LinkedHashMap<>();
        sources.put("probe", source(s.probePSuccess(), s.probeCi95Low(), s.probeCi95High(), s.probeNObs()));
        sources.put("route", source(s.routePSuccess(), s.routeCi95Low(), s.routeCi95High(), s.routeNObs()));
        sources.put("report", source(s.reportPSuccess(), s.reportCi95Low(), s.reportCi95High(), s.reportNObs()));
        List<String> above = new ArrayList<>();
        if (s.probePSuccess() != null && s.probePSuccess() >= CONVERGENCE_THRESHOLD) {
            above.add("probe");
        }
        if (s.routePSuccess() != null && s.routePSuccess() >= CONVERGENCE_THRESHOLD) {
            above.add("route");
        }
        if (s.reportPSuccess() != null && s.reportPSuccess() >= CONVERGENCE_THRESHOLD) {
            above.add("report");
        }
        return new BayesianJson(r3(s.pSuccess()), r3(s.ci95Low()), r3(s.ci95High()), r3(s.nObs()), s.verdict(), sources,
                new Convergence(s.converged(), above, CONVERGENCE_THRESHOLD),
                new RecentActivity(s.activity24h(), s.activity7d(), s.activity30d()), s.riskProfile(), s.timeConstantDays(),
                s.lastEvidenceMs() / 1000, EvidenceRules.meaningful(s.nObs(), s.lastEvidenceMs(), nowMs), amountSats);
    }

    private static Source source(Double p, Double lo, Double hi, Double n) {
        return p == null ? null : new Source(r3(p), r3(lo), r3(hi), r3(n));
    }

    static double r3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
