package com.satrank.serving.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.satrank.db.ScoreRow;
import com.satrank.model.Pubkey;
import com.satrank.model.ScoringParams;
import com.satrank.model.Verdict;
import com.satrank.serving.db.NodeQueries;
import com.satrank.serving.db.NodeView;
import com.satrank.services.Stage;
import com.satrank.services.catalog.EndpointAdvisory;
import com.satrank.services.catalog.EndpointJudgement;
import com.satrank.services.catalog.EndpointScore;
import com.satrank.services.catalog.StageScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference's endpoint blocks (§1.9–1.10), snake_case where it is, from {@link EndpointScore}s:
 * the end-to-end Bayesian block, the advisory, the stage posteriors and the payee node.
 */
final class EndpointJson {
    private EndpointJson() {
    }

    /** An endpoint's end-to-end posterior: p_e2e within its band, the weakest stage's evidence. */
    record Bayesian(@JsonProperty("p_success") double pSuccess, @JsonProperty("ci95_low") double ci95Low,
                    @JsonProperty("ci95_high") double ci95High, @JsonProperty("n_obs") double nObs, Verdict verdict,
                    @JsonProperty("meaningful_stages") int meaningfulStages,
                    @JsonProperty("time_constant_days") int timeConstantDays,
                    @JsonProperty("last_update") long lastUpdate, @JsonProperty("is_meaningful") boolean isMeaningful) {
        static Bayesian of(EndpointJudgement j, long lastEvidenceMs, boolean meaningful) {
            return new Bayesian(BayesianJson.r3(j.pSuccess()), BayesianJson.r3(j.ci95Low()), BayesianJson.r3(j.ci95High()),
                    BayesianJson.r3(j.nObs()), j.verdict(), j.meaningfulStages(),
                    ScoringParams.DEFAULT.timeConstantDays(), lastEvidenceMs / 1000, meaningful);
        }

        /** The reference's neutral block for an endpoint nobody scored. */
        static Bayesian neutral() {
            return new Bayesian(0.5, 0.025, 0.975, 0, Verdict.UNKNOWN, 0, ScoringParams.DEFAULT.timeConstantDays(), 0,
                    false);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Advisory(@JsonProperty("advisory_level") String advisoryLevel, @JsonProperty("risk_score") double riskScore,
                    List<Advice> advisories, String recommendation,
                    @JsonProperty("freshness_status") String freshnessStatus) {
        static Advisory of(EndpointAdvisory a, boolean withRecommendation) {
            return new Advisory(a.level(), a.riskScore(), a.advisories().stream().map(x -> new Advice(x.code(), x.level(),
                    x.msg(), x.signalStrength())).toList(), withRecommendation ? a.recommendation() : null,
                    withRecommendation ? a.freshness() : null);
        }
    }

    record Advice(String code, String level, String msg, @JsonProperty("signal_strength") double signalStrength) {
    }

    record StageJson(int stage, double alpha, double beta, @JsonProperty("p_success") double pSuccess,
                     @JsonProperty("ci95_low") double ci95Low, @JsonProperty("ci95_high") double ci95High,
                     @JsonProperty("n_obs") double nObs, @JsonProperty("is_meaningful") boolean isMeaningful) {
    }

    record StagePosteriors(Map<String, StageJson> stages, @JsonProperty("p_e2e") double pE2e,
                           @JsonProperty("p_e2e_pessimistic") double pE2ePessimistic,
                           @JsonProperty("p_e2e_optimistic") double pE2eOptimistic,
                           @JsonProperty("meaningful_stages") List<String> meaningfulStages,
                           @JsonProperty("measured_stages") int measuredStages) {
        static StagePosteriors of(EndpointScore e) {
            Map<String, StageJson> stages = new LinkedHashMap<>();
            List<String> meaningful = new ArrayList<>();
            int measured = 0;
            for (Stage stage : Stage.values()) {
                StageScore s = e.stage(stage);
                if (s == null) {
                    continue;
                }
                String name = name(stage);
                stages.put(name, new StageJson(stage.number(), BayesianJson.r3(s.alpha()), BayesianJson.r3(s.beta()),
                        BayesianJson.r3(s.pSuccess()), BayesianJson.r3(s.ci95Low()), BayesianJson.r3(s.ci95High()),
                        BayesianJson.r3(s.nObs()), s.meaningful()));
                if (s.meaningful()) {
                    meaningful.add(name);
                }
                if (s.observations() > 0) {
                    measured++;
                }
            }
            return new StagePosteriors(stages, BayesianJson.r3(e.pE2e()), BayesianJson.r3(e.pE2ePessimistic()),
                    BayesianJson.r3(e.pE2eOptimistic()), meaningful, measured);
        }
    }

    static String name(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }

    /** The payee node as the node half of SatRank knows it. */
    record Node(String publicKeyHash, String pubkey, String alias, BayesianJson bayesian) {
    }

    static Node node(NodeQueries q, String payeePubkey, long nowMs) {
        if (payeePubkey == null || !Pubkey.isPubkeyHex(payeePubkey)) {
            return null;
        }
        String nodeId = Pubkey.fromHex(payeePubkey).nodeId().hex();
        Optional<NodeView> view = q.byId(nodeId);
        Optional<ScoreRow> score = q.score(nodeId);
        return new Node(nodeId, payeePubkey, view.map(NodeView::alias).orElse(null),
                score.map(s -> BayesianJson.from(s, nowMs)).orElse(null));
    }

    /** The payee nodes of several endpoints in two statements, by payee pubkey (absent: unknown or malformed). */
    static Map<String, Node> nodes(NodeQueries q, java.util.Collection<EndpointScore> endpoints, long nowMs) {
        Map<String, String> idOf = new LinkedHashMap<>();
        for (EndpointScore e : endpoints) {
            if (e.payeePubkey() != null && Pubkey.isPubkeyHex(e.payeePubkey())) {
                idOf.put(e.payeePubkey(), Pubkey.fromHex(e.payeePubkey()).nodeId().hex());
            }
        }
        Map<String, Node> out = new LinkedHashMap<>();
        if (idOf.isEmpty()) {
            return out;
        }
        Map<String, NodeView> views = new java.util.HashMap<>();
        q.byIds(idOf.values()).forEach(v -> views.put(v.nodeId(), v));
        Map<String, ScoreRow> scores = new java.util.HashMap<>();
        q.scores(idOf.values()).forEach(s -> scores.put(s.nodeId(), s));
        idOf.forEach((payee, id) -> {
            NodeView view = views.get(id);
            ScoreRow score = scores.get(id);
            out.put(payee, new Node(id, payee, view == null ? null : view.alias(),
                    score == null ? null : BayesianJson.from(score, nowMs)));
        });
        return out;
    }

    static String httpHealth(EndpointScore e) {
        return e.httpHealth() == null ? null : e.httpHealth().json();
    }

    static Double r3(Double v) {
        return v == null ? null : BayesianJson.r3(v);
    }

    static Long ageSec(Long eventMs, long nowMs) {
        return eventMs == null ? null : Math.max(0, (nowMs - eventMs) / 1000);
    }
}
