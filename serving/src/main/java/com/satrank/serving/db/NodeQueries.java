package com.satrank.serving.db;

import com.satrank.db.ScoreRow;
import com.satrank.model.Verdict;
import com.satrank.model.amount.LiquidityCurve;
import com.satrank.model.amount.NodeReliability;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only queries over the pipeline's tables; serving never writes them. */
@RegisterConstructorMapper(NodeView.class)
@RegisterConstructorMapper(NetworkStatsView.class)
public interface NodeQueries {
    /** A node_scores row as {@link ScoreRow} maps it. */
    String SCORE_SELECT = """
            SELECT node_id, p_success, ci95_low, ci95_high, n_obs, verdict, converged, probe_p_success, probe_ci95_low,
                   probe_ci95_high, probe_n_obs, route_p_success, route_ci95_low, route_ci95_high, route_n_obs,
                   report_p_success, report_ci95_low, report_ci95_high, report_n_obs, last_evidence_ms, score, volume,
                   reputation, seniority, regularity, diversity, centrality, peer_trust, routing_quality, capacity_trend,
                   fee_stability, activity_24h, activity_7d, activity_30d, risk_profile, reachability,
                   time_constant_days, reliability, reliability_ci95_low, reliability_ci95_high, max_channel_sat,
                   other_sources_agreeing
            FROM node_scores""";

    String COLUMNS = """
            node_id, pubkey, alias, color, channel_count, active_channel_count, capacity_sat, peer_count, pagerank,
            pagerank_percentile, graph_rank, stale, last_update_s, first_seen_ms, betweenness, betweenness_percentile""";

    @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE NOT stale ORDER BY graph_rank, pubkey LIMIT :limit OFFSET :offset")
    List<NodeView> top(@Bind("limit") int limit, @Bind("offset") int offset);

    /** Live nodes whose alias contains {@code pattern} (an ILIKE pattern, already escaped), best rank first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE NOT stale AND alias ILIKE :pattern ESCAPE '\\'"
            + " ORDER BY graph_rank, pubkey LIMIT :limit OFFSET :offset")
    List<NodeView> searchByAlias(@Bind("pattern") String pattern, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM nodes WHERE NOT stale AND alias ILIKE :pattern ESCAPE '\\'")
    int countByAlias(@Bind("pattern") String pattern);

    /** One day of a node's history. */
    record HistoryView(java.time.LocalDate day, double pSuccess, double ci95Low, double ci95High, double nObs,
                       Verdict verdict, double pagerankPercentile, double score) {
    }

    @SqlQuery("""
            SELECT day, p_success, ci95_low, ci95_high, n_obs, verdict, pagerank_percentile, score FROM node_score_history
            WHERE node_id = :id ORDER BY day DESC LIMIT :limit OFFSET :offset""")
    @RegisterConstructorMapper(HistoryView.class)
    List<HistoryView> history(@Bind("id") String nodeId, @Bind("limit") int limit, @Bind("offset") int offset);

    /** A node whose p_success moved between two history days. */
    record Mover(String nodeId, String pubkey, String alias, double pNow, double pThen, double delta, Verdict verdict) {
    }

    String MOVERS = """
            WITH latest AS (SELECT max(day) AS d FROM node_score_history)
            SELECT h.node_id, n.pubkey, n.alias, h.p_success AS p_now, o.p_success AS p_then,
                   h.p_success - o.p_success AS delta, h.verdict
            FROM node_score_history h
            JOIN latest ON h.day = latest.d
            JOIN node_score_history o ON o.node_id = h.node_id AND o.day = latest.d - :window
            JOIN nodes n ON n.node_id = h.node_id
            WHERE h.n_obs >= 5 AND o.n_obs >= 5""";

    @SqlQuery(MOVERS + " AND h.p_success > o.p_success ORDER BY delta DESC, h.node_id LIMIT :limit")
    @RegisterConstructorMapper(Mover.class)
    List<Mover> gainers(@Bind("window") int windowDays, @Bind("limit") int limit);

    @SqlQuery(MOVERS + " AND h.p_success < o.p_success ORDER BY delta ASC, h.node_id LIMIT :limit")
    @RegisterConstructorMapper(Mover.class)
    List<Mover> losers(@Bind("window") int windowDays, @Bind("limit") int limit);

    /** A node's p_success and composite on an earlier history day. */
    record Then(double pSuccess, double score) {
    }

    /** The node's row on the day {@code daysBack} before the newest history day, if recorded. */
    @SqlQuery("""
            SELECT o.p_success, o.score FROM node_score_history o
            WHERE o.node_id = :id AND o.day = (SELECT max(day) FROM node_score_history) - :back""")
    @RegisterConstructorMapper(Then.class)
    Optional<Then> daysBack(@Bind("id") String nodeId, @Bind("back") int daysBack);

    @SqlQuery("SELECT count(*) FROM node_score_history WHERE node_id = :id")
    int historyCount(@Bind("id") String nodeId);

    @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE node_id = :id")
    Optional<NodeView> byId(@Bind("id") String nodeId);

    /** Several nodes in one statement (a page of endpoints names their payees). */
    @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE node_id IN (<ids>)")
    java.util.List<NodeView> byIds(@org.jdbi.v3.sqlobject.customizer.BindList(value = "ids",
            onEmpty = org.jdbi.v3.sqlobject.customizer.BindList.EmptyHandling.NULL_STRING) java.util.Collection<String> nodeIds);

    @SqlQuery("""
            SELECT node_count, live_node_count, channel_count, capacity_sat, snapshot_id, graph_digest, as_of_ms,
                   probes_24h, reports_24h
            FROM network_stats WHERE id = 1""")
    Optional<NetworkStatsView> stats();

    /** A stream's checkpoint. */
    record Checkpoint(String stream, long logIndex) {
    }

    @SqlQuery("SELECT stream, log_index FROM pipeline_checkpoint ORDER BY stream")
    @RegisterConstructorMapper(Checkpoint.class)
    java.util.List<Checkpoint> checkpoints();

    @SqlQuery(SCORE_SELECT + " WHERE node_id = :id")
    @RegisterConstructorMapper(ScoreRow.class)
    Optional<ScoreRow> score(@Bind("id") String nodeId);

    /** The stored curve, bin by bin: its knot as x, L there and L's 95 % interval. */
    @SqlQuery("SELECT ratio, liquidity, liquidity_low, liquidity_high FROM liquidity_curve ORDER BY bin")
    @RegisterConstructorMapper(CurvePoint.class)
    List<CurvePoint> curvePoints();

    record CurvePoint(double ratio, double liquidity, double liquidityLow, double liquidityHigh) {
    }

    /** The liquidity curve of the newest pass; flat before a pass has learned one. */
    default LiquidityCurve liquidityCurve() {
        List<CurvePoint> points = curvePoints();
        if (points.size() != LiquidityCurve.BINS) {
            return LiquidityCurve.flat();
        }
        return new LiquidityCurve(points.stream().mapToDouble(p -> LiquidityCurve.zOfRatio(p.ratio())).toArray(),
                points.stream().mapToDouble(CurvePoint::liquidity).toArray(),
                points.stream().mapToDouble(CurvePoint::liquidityLow).toArray(),
                points.stream().mapToDouble(CurvePoint::liquidityHigh).toArray());
    }

    /** A node's answer for a payment of {@code amountSat}. */
    default Optional<ScoreRow> scoreAt(String nodeId, long amountSat) {
        return atAmount(score(nodeId), amountSat);
    }

    /** {@code base} as the answer for {@code amountSat}; the curve is read only for another amount than the base. */
    default Optional<ScoreRow> atAmount(Optional<ScoreRow> base, long amountSat) {
        if (base.isEmpty() || amountSat == NodeReliability.DEFAULT_AMOUNT_SAT) {
            return base;
        }
        LiquidityCurve curve = liquidityCurve();
        return base.map(r -> r.atAmount(amountSat, curve));
    }

    @SqlQuery(SCORE_SELECT + " WHERE node_id IN (<ids>)")
    @RegisterConstructorMapper(ScoreRow.class)
    java.util.List<ScoreRow> scores(@org.jdbi.v3.sqlobject.customizer.BindList(value = "ids",
            onEmpty = org.jdbi.v3.sqlobject.customizer.BindList.EmptyHandling.NULL_STRING) java.util.Collection<String> nodeIds);

    @SqlQuery("""
            SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
            ORDER BY installed_rank DESC LIMIT 1""")
    Optional<String> schemaVersion();
}
