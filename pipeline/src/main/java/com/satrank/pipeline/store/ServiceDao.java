package com.satrank.pipeline.store;

import com.satrank.pipeline.services.EndpointRow;
import com.satrank.pipeline.services.StageRow;
import java.util.Collection;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes of the service tables (V9). */
public interface ServiceDao {
    @SqlBatch("""
            INSERT INTO service_endpoints (url_hash, url, name, description, category, provider, http_method,
                advertised_price_sats, price_sats, payee_pubkey, sources, discovery_outcome, deprecated,
                deprecated_reason, first_listed_ms, last_http_status, last_latency_ms, last_checked_ms, check_count,
                success_count, uptime_7d, median_latency_7d_ms, p_e2e, p_e2e_pessimistic, p_e2e_optimistic,
                meaningful_stages, paid_probes, sats_spent, operator_id)
            VALUES (:urlHash, :url, :name, :description, :category, :provider, :httpMethod, :advertisedPriceSats,
                :priceSats, :payeePubkey, string_to_array(:sources, ','), :discoveryOutcome, :deprecated,
                :deprecatedReason, :firstListedMs, :lastHttpStatus, :lastLatencyMs, :lastCheckedMs, :checkCount,
                :successCount, :uptime7d, :medianLatency7dMs, :pE2e, :pE2ePessimistic, :pE2eOptimistic,
                :meaningfulStages, :paidProbes, :satsSpent, :operatorId)
            ON CONFLICT (url_hash) DO UPDATE SET url = EXCLUDED.url, name = EXCLUDED.name,
                description = EXCLUDED.description, category = EXCLUDED.category, provider = EXCLUDED.provider,
                http_method = EXCLUDED.http_method, advertised_price_sats = EXCLUDED.advertised_price_sats,
                price_sats = EXCLUDED.price_sats, payee_pubkey = EXCLUDED.payee_pubkey, sources = EXCLUDED.sources,
                discovery_outcome = EXCLUDED.discovery_outcome, deprecated = EXCLUDED.deprecated,
                deprecated_reason = EXCLUDED.deprecated_reason, first_listed_ms = EXCLUDED.first_listed_ms,
                last_http_status = EXCLUDED.last_http_status, last_latency_ms = EXCLUDED.last_latency_ms,
                last_checked_ms = EXCLUDED.last_checked_ms, check_count = EXCLUDED.check_count,
                success_count = EXCLUDED.success_count, uptime_7d = EXCLUDED.uptime_7d,
                median_latency_7d_ms = EXCLUDED.median_latency_7d_ms, p_e2e = EXCLUDED.p_e2e,
                p_e2e_pessimistic = EXCLUDED.p_e2e_pessimistic, p_e2e_optimistic = EXCLUDED.p_e2e_optimistic,
                meaningful_stages = EXCLUDED.meaningful_stages, paid_probes = EXCLUDED.paid_probes,
                operator_id = EXCLUDED.operator_id,
                sats_spent = EXCLUDED.sats_spent
            """)
    void upsertEndpoints(@BindMethods Collection<EndpointRow> rows);

    @SqlBatch("""
            INSERT INTO endpoint_stage_posteriors (url_hash, stage, alpha, beta, p_success, ci95_low, ci95_high, n_obs,
                observations, successes, last_outcome, last_updated_ms)
            VALUES (:urlHash, :stage, :alpha, :beta, :pSuccess, :ci95Low, :ci95High, :nObs, :observations,
                :successes, :lastOutcome, :lastUpdatedMs)
            ON CONFLICT (url_hash, stage) DO UPDATE SET alpha = EXCLUDED.alpha, beta = EXCLUDED.beta,
                p_success = EXCLUDED.p_success, ci95_low = EXCLUDED.ci95_low, ci95_high = EXCLUDED.ci95_high,
                n_obs = EXCLUDED.n_obs, observations = EXCLUDED.observations,
                successes = EXCLUDED.successes, last_outcome = EXCLUDED.last_outcome,
                last_updated_ms = EXCLUDED.last_updated_ms
            """)
    void upsertStages(@BindMethods Collection<StageRow> rows);

    @SqlUpdate("DELETE FROM service_endpoints WHERE NOT (url_hash = ANY(:ids))")
    void deleteEndpointsExcept(@Bind("ids") String[] ids);

    @SqlUpdate("DELETE FROM endpoint_stage_posteriors WHERE NOT (url_hash = ANY(:ids))")
    void deleteStagesExcept(@Bind("ids") String[] ids);
}
