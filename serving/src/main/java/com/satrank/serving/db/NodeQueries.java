package com.satrank.serving.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only queries over the pipeline's tables; serving never writes them. */
@RegisterConstructorMapper(NodeView.class)
@RegisterConstructorMapper(NetworkStatsView.class)
public interface NodeQueries {
    String COLUMNS = """
            node_id, pubkey, alias, color, channel_count, active_channel_count, capacity_sat, peer_count, pagerank,
            pagerank_percentile, graph_rank, stale, last_update_s, first_seen_ms""";

    @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE NOT stale ORDER BY graph_rank, pubkey LIMIT :limit OFFSET :offset")
    List<NodeView> top(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE node_id = :id")
    Optional<NodeView> byId(@Bind("id") String nodeId);

    @SqlQuery("""
            SELECT node_count, live_node_count, channel_count, capacity_sat, snapshot_id, graph_digest, as_of_ms
            FROM network_stats WHERE id = 1""")
    Optional<NetworkStatsView> stats();

    @SqlQuery("SELECT log_index FROM pipeline_checkpoint WHERE stream = :stream")
    Optional<Long> checkpoint(@Bind("stream") String stream);

    @SqlQuery("""
            SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
            ORDER BY installed_rank DESC LIMIT 1""")
    Optional<String> schemaVersion();
}
