package com.satrank.pipeline.store;

import com.satrank.pipeline.scoring.NetworkStatsRow;
import com.satrank.pipeline.scoring.NodeRow;
import com.satrank.db.ScoreRow;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes of the pipeline-owned tables. */
public interface NodeDao {
    @SqlBatch("""
            INSERT INTO nodes (node_id, pubkey, alias, color, channel_count, active_channel_count, capacity_sat,
                               peer_count, pagerank, pagerank_percentile, graph_rank, stale, last_update_s,
                               first_seen_ms, as_of_ms, betweenness, betweenness_percentile)
            VALUES (:nodeId, :pubkey, :alias, :color, :channelCount, :activeChannelCount, :capacitySat,
                    :peerCount, :pagerank, :pagerankPercentile, :graphRank, :stale, :lastUpdateS,
                    :firstSeenMs, 0, :betweenness, :betweennessPercentile)
            ON CONFLICT (node_id) DO UPDATE SET
                alias = EXCLUDED.alias, color = EXCLUDED.color, channel_count = EXCLUDED.channel_count,
                active_channel_count = EXCLUDED.active_channel_count, capacity_sat = EXCLUDED.capacity_sat,
                peer_count = EXCLUDED.peer_count, pagerank = EXCLUDED.pagerank,
                pagerank_percentile = EXCLUDED.pagerank_percentile, graph_rank = EXCLUDED.graph_rank,
                stale = EXCLUDED.stale, last_update_s = EXCLUDED.last_update_s,
                first_seen_ms = EXCLUDED.first_seen_ms, betweenness = EXCLUDED.betweenness,
                betweenness_percentile = EXCLUDED.betweenness_percentile
            """)
    void upsertNodes(@BindMethods Collection<NodeRow> rows);

    @SqlBatch("DELETE FROM nodes WHERE node_id = :nodeId")
    void deleteNodes(@Bind("nodeId") Collection<String> nodeIds);

    @SqlBatch("""
            INSERT INTO node_scores (node_id, p_success, ci95_low, ci95_high, n_obs, verdict, converged, probe_p_success,
                                     probe_ci95_low, probe_ci95_high, probe_n_obs, route_p_success, route_ci95_low,
                                     route_ci95_high, route_n_obs, report_p_success, report_ci95_low,
                                     report_ci95_high, report_n_obs, last_evidence_ms, score, volume, reputation,
                                     seniority, regularity, diversity, centrality, peer_trust, routing_quality,
                                     capacity_trend, fee_stability, activity_24h, activity_7d, activity_30d,
                                     risk_profile, reachability, time_constant_days, reliability,
                                     reliability_ci95_low, reliability_ci95_high, max_channel_sat,
                                     other_sources_agreeing)
            VALUES (:nodeId, :pSuccess, :ci95Low, :ci95High, :nObs, :verdict, :converged, :probePSuccess, :probeCi95Low,
                    :probeCi95High, :probeNObs, :routePSuccess, :routeCi95Low, :routeCi95High, :routeNObs,
                    :reportPSuccess, :reportCi95Low, :reportCi95High, :reportNObs, :lastEvidenceMs, :score, :volume,
                    :reputation, :seniority, :regularity, :diversity, :centrality, :peerTrust, :routingQuality,
                    :capacityTrend, :feeStability, :activity24h, :activity7d, :activity30d, :riskProfile,
                    :reachability, :timeConstantDays, :reliability, :reliabilityCi95Low, :reliabilityCi95High,
                    :maxChannelSat, :otherSourcesAgreeing)
            ON CONFLICT (node_id) DO UPDATE SET time_constant_days = EXCLUDED.time_constant_days,
                reliability = EXCLUDED.reliability, reliability_ci95_low = EXCLUDED.reliability_ci95_low,
                reliability_ci95_high = EXCLUDED.reliability_ci95_high, max_channel_sat = EXCLUDED.max_channel_sat,
                other_sources_agreeing = EXCLUDED.other_sources_agreeing,
                p_success = EXCLUDED.p_success, ci95_low = EXCLUDED.ci95_low, ci95_high = EXCLUDED.ci95_high,
                n_obs = EXCLUDED.n_obs, verdict = EXCLUDED.verdict, converged = EXCLUDED.converged,
                probe_p_success = EXCLUDED.probe_p_success, probe_ci95_low = EXCLUDED.probe_ci95_low,
                probe_ci95_high = EXCLUDED.probe_ci95_high, probe_n_obs = EXCLUDED.probe_n_obs,
                route_p_success = EXCLUDED.route_p_success, route_ci95_low = EXCLUDED.route_ci95_low,
                route_ci95_high = EXCLUDED.route_ci95_high, route_n_obs = EXCLUDED.route_n_obs,
                report_p_success = EXCLUDED.report_p_success, report_ci95_low = EXCLUDED.report_ci95_low,
                report_ci95_high = EXCLUDED.report_ci95_high, report_n_obs = EXCLUDED.report_n_obs,
                last_evidence_ms = EXCLUDED.last_evidence_ms, score = EXCLUDED.score, volume = EXCLUDED.volume,
                reputation = EXCLUDED.reputation, seniority = EXCLUDED.seniority, regularity = EXCLUDED.regularity,
                diversity = EXCLUDED.diversity, centrality = EXCLUDED.centrality, peer_trust = EXCLUDED.peer_trust,
                routing_quality = EXCLUDED.routing_quality, capacity_trend = EXCLUDED.capacity_trend,
                fee_stability = EXCLUDED.fee_stability, activity_24h = EXCLUDED.activity_24h,
                activity_7d = EXCLUDED.activity_7d, activity_30d = EXCLUDED.activity_30d,
                risk_profile = EXCLUDED.risk_profile, reachability = EXCLUDED.reachability
            """)
    void upsertScores(@BindMethods Collection<ScoreRow> rows);

    @SqlUpdate("DELETE FROM liquidity_curve")
    void clearCurve();

    @SqlBatch("""
            INSERT INTO liquidity_curve (bin, ratio, liquidity, liquidity_low, liquidity_high)
            VALUES (:bin, :ratio, :liquidity, :low, :high)""")
    void insertCurve(@Bind("bin") List<Integer> bins, @Bind("ratio") List<Double> ratios,
                     @Bind("liquidity") List<Double> values, @Bind("low") List<Double> lows,
                     @Bind("high") List<Double> highs);

    @SqlBatch("DELETE FROM node_scores WHERE node_id = :nodeId")
    void deleteScores(@Bind("nodeId") Collection<String> nodeIds);

    @SqlUpdate("DELETE FROM node_scores WHERE NOT (node_id = ANY(:ids))")
    void deleteScoresExcept(@Bind("ids") String[] ids);

    @SqlUpdate("DELETE FROM nodes WHERE NOT (node_id = ANY(:ids))")
    void deleteAllExcept(@Bind("ids") String[] ids);

    @SqlUpdate("""
            INSERT INTO network_stats (id, node_count, live_node_count, channel_count, capacity_sat, snapshot_id,
                                       graph_digest, as_of_ms, probes_applied, probes_24h, reports_24h)
            VALUES (1, :nodeCount, :liveNodeCount, :channelCount, :capacitySat, :snapshotId, :graphDigest, :asOfMs,
                    :probesApplied, :probes24h, :reports24h)
            ON CONFLICT (id) DO UPDATE SET probes_applied = EXCLUDED.probes_applied,
                probes_24h = EXCLUDED.probes_24h, reports_24h = EXCLUDED.reports_24h,
                node_count = EXCLUDED.node_count, live_node_count = EXCLUDED.live_node_count,
                channel_count = EXCLUDED.channel_count, capacity_sat = EXCLUDED.capacity_sat,
                snapshot_id = EXCLUDED.snapshot_id, graph_digest = EXCLUDED.graph_digest, as_of_ms = EXCLUDED.as_of_ms
            """)
    void upsertStats(@BindMethods NetworkStatsRow stats);

    @SqlBatch("""
            INSERT INTO reports (log_index, event_time_ms, reporter, node_id, outcome, proven)
            VALUES (:logIndex, :eventTimeMs, :reporter, :nodeId, :outcome, :proven)
            ON CONFLICT (log_index) DO NOTHING
            """)
    void insertReports(@BindMethods Collection<com.satrank.pipeline.scoring.ReportRow> rows);

    @SqlQuery("SELECT max(event_time_ms) FROM pipeline_checkpoint")
    Optional<Long> lastPassAsOf();

    @SqlQuery("SELECT log_index FROM pipeline_checkpoint WHERE stream = :stream")
    Optional<Long> checkpoint(@Bind("stream") String stream);

    @SqlUpdate("""
            INSERT INTO pipeline_checkpoint (stream, log_index, event_time_ms) VALUES (:stream, :index, :eventTimeMs)
            ON CONFLICT (stream) DO UPDATE SET log_index = EXCLUDED.log_index, event_time_ms = EXCLUDED.event_time_ms
            """)
    void saveCheckpoint(@Bind("stream") String stream, @Bind("index") long index, @Bind("eventTimeMs") long eventTimeMs);
}
