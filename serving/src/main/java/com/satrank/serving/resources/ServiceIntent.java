package com.satrank.serving.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.satrank.db.EndpointQueries;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.QueryRecorder;
import com.satrank.services.catalog.EndpointScore;
import com.satrank.services.catalog.IntentQuery;
import com.satrank.services.catalog.IntentResolver;
import com.satrank.services.catalog.EndpointProbes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The service form of POST /api/intent (reference §1.10): a category's ranked candidates with
 * their stage posteriors and p_e2e, answered without the {@code data} envelope as the reference's
 * clients expect. The ranking itself is {@link IntentResolver}; this reads the pool and shapes JSON.
 */
final class ServiceIntent {
    /** The most endpoints of one category considered per request, as the reference. */
    static final int POOL = 500;
    static final int FRESH_TOP = 3;
    static final Duration FRESH_DEADLINE = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final QueryRecorder recorder;

    ServiceIntent(Jdbi jdbi, QueryRecorder recorder) {
        this.jdbi = jdbi;
        this.recorder = recorder;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Echo(String category, List<String> keywords, @JsonProperty("budget_sats") Long budgetSats,
                @JsonProperty("max_latency_ms") Integer maxLatencyMs, @JsonProperty("resolved_at") long resolvedAt,
                boolean fresh, String optimize) {
    }

    record Health(Double reachability, @JsonProperty("http_health_score") double httpHealthScore,
                  @JsonProperty("health_freshness") double healthFreshness,
                  @JsonProperty("last_probe_age_sec") Long lastProbeAgeSec) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record Candidate(int rank, @JsonProperty("endpoint_url") String endpointUrl,
                     @JsonProperty("endpoint_hash") String endpointHash,
                     @JsonProperty("operator_pubkey") String operatorPubkey,
                     @JsonProperty("operator_id") String operatorId, @JsonProperty("service_name") String serviceName,
                     @JsonProperty("price_sats") Long priceSats, @JsonProperty("median_latency_ms") Integer medianLatencyMs,
                     @JsonProperty("http_method") String httpMethod,
                     @JsonProperty("stage_posteriors") EndpointJson.StagePosteriors stagePosteriors,
                     @JsonInclude(JsonInclude.Include.NON_NULL) List<String> sources, EndpointJson.Bayesian bayesian,
                     EndpointJson.Advisory advisory, Health health) {
    }

    record UpgradePath(String flag, @JsonProperty("cost_sats") int costSats, String message) {
    }

    record Ranking(String primary, List<String> tiebreakers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Meta(@JsonProperty("total_matched") int totalMatched, int returned, String strictness, List<String> warnings,
                @JsonProperty("upgrade_path") UpgradePath upgradePath,
                @JsonProperty("ranking_explanation") Ranking rankingExplanation) {
    }

    record Response(Echo intent, List<Candidate> candidates, Meta meta) {
    }

    /** The request's fields beside the node form's; names as the reference's clients send them. */
    static IntentQuery query(PaidResource.IntentRequest body, boolean freshQuery) {
        try {
            return IntentQuery.of(body.category(), body.keywords(), body.budgetSats(), body.maxLatencyMs(), body.limit(),
                    body.optimize(), freshQuery || Boolean.TRUE.equals(body.fresh()));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    /**
     * @param probes the on-demand prober for a paid {@code fresh} intent (its top {@link #FRESH_TOP}
     *               are checked now and ranked again with what the checks saw), or null
     */
    Response resolve(IntentQuery q, java.time.InstantSource clock, EndpointProbes probes, int freshPriceSats) {
        List<EndpointScore> pool = jdbi.withHandle(h -> {
            if (!EndpointQueries.categoryExists(h, q.category())) {
                throw new ApiException(400, "INVALID_CATEGORY", "Unknown category \"" + q.category()
                        + "\". Call GET /api/intent/categories for the current list.");
            }
            return EndpointQueries.inCategory(h, q.category(), POOL);
        });
        long nowMs = clock.millis();
        IntentResolver.Result result = IntentResolver.resolve(q, pool, nowMs);
        if (q.fresh()) {
            if (probes == null) {
                throw ApiException.unavailable("Fresh checks are unavailable: this API runs without a prober");
            }
            List<EndpointScore> top = result.candidates().stream().limit(FRESH_TOP)
                    .map(IntentResolver.Candidate::endpoint).toList();
            Map<String, EndpointProbes.FreshCheck> seen = probes.checkNow(top, FRESH_DEADLINE);
            nowMs = clock.millis();
            result = IntentResolver.resolve(q, withChecks(pool, seen), nowMs);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (IntentResolver.Candidate c : result.candidates()) {
            EndpointScore e = c.endpoint();
            recorder.endpoint(e.urlHash());
            candidates.add(new Candidate(candidates.size() + 1, e.url(), e.urlHash(), e.payeePubkey(), e.operatorId(), e.name(),
                    e.priceSats(), e.medianLatencyMs(), e.httpMethod(), EndpointJson.StagePosteriors.of(e),
                    e.sources().size() > 1 ? e.sources() : null,
                    EndpointJson.Bayesian.of(c.judgement(), e.lastEvidenceMs(), c.meaningful()),
                    EndpointJson.Advisory.of(c.advisory(), true),
                    new Health(EndpointJson.r3(c.reachability()), c.httpHealthScore(), c.healthFreshness(),
                            c.lastProbeAgeSec())));
        }
        UpgradePath upgrade = q.fresh() ? null : new UpgradePath("fresh=true", freshPriceSats,
                "Pay " + freshPriceSats + " sats (POST /api/intent?fresh=true) to have the top 3 candidates checked now");
        return new Response(new Echo(q.category(), q.keywords(), q.budgetSats(), q.maxLatencyMs(),
                Instant.ofEpochMilli(nowMs).getEpochSecond(), q.fresh(), q.optimize().json()), candidates,
                new Meta(result.totalMatched(), candidates.size(), result.strictness().json(), result.warnings(), upgrade,
                        ranking(q.optimize())));
    }

    /**
     * The pool as the fresh checks saw it: last status, latency and check time replaced. The stage
     * posteriors move only when the pipeline folds the checks' events, as for any evidence.
     */
    static List<EndpointScore> withChecks(List<EndpointScore> pool, Map<String, EndpointProbes.FreshCheck> seen) {
        List<EndpointScore> out = new ArrayList<>(pool.size());
        for (EndpointScore e : pool) {
            EndpointProbes.FreshCheck c = seen.get(e.urlHash());
            out.add(c == null ? e : new EndpointScore(e.urlHash(), e.url(), e.name(), e.description(), e.category(),
                    e.provider(), e.httpMethod(), e.advertisedPriceSats(), e.invoicedPriceSats(), e.payeePubkey(),
                    e.sources(), e.deprecated(), c.httpStatus(), c.latencyMs(), c.atMs(),
                    e.checkCount(), e.successCount(), e.uptime7d(), e.medianLatency7dMs(), e.pE2e(),
                    e.pE2ePessimistic(), e.pE2eOptimistic(), e.meaningfulStages(), e.stages(), e.operatorId()));
        }
        return out;
    }

    private static Ranking ranking(IntentQuery.Optimize optimize) {
        List<String> byP = List.of("is_meaningful", "p_success desc", "ci95_low desc", "price_sats asc");
        return switch (optimize) {
            case P_SUCCESS -> new Ranking("p_success desc, meaningful first", byP.subList(2, byP.size()));
            case LATENCY -> new Ranking("median_latency_ms asc", byP);
            case RELIABILITY -> new Ranking("reachability desc", byP);
            case COST -> new Ranking("price_sats asc", byP);
        };
    }
}
