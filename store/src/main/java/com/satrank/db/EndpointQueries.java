package com.satrank.db;

import com.satrank.services.Stage;
import com.satrank.services.catalog.EndpointScore;
import com.satrank.services.catalog.StageScore;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the endpoint catalogue the pipeline writes (service_endpoints and their stage posteriors)
 * as {@link EndpointScore}s. The <em>listed</em> catalogue is what agents are offered: not
 * deprecated, and last seen answering 2xx or 402 (or not checked yet), as in the reference.
 */
public final class EndpointQueries {
    private static final String COLUMNS = """
            url_hash, url, name, description, category, provider, http_method, advertised_price_sats, price_sats,
            payee_pubkey, sources, deprecated, last_http_status, last_latency_ms, last_checked_ms, check_count,
            success_count, uptime_7d, median_latency_7d_ms, p_e2e, p_e2e_pessimistic, p_e2e_optimistic,
            meaningful_stages, operator_id""";
    static final String LISTED = "NOT deprecated AND (last_http_status IS NULL OR last_http_status = 402"
            + " OR last_http_status BETWEEN 200 AND 299)";

    private EndpointQueries() {
    }

    /** Ordering of a catalogue search; each maps to a fixed ORDER BY (never from user text). */
    public enum Sort {
        CHECKS("check_count DESC"),
        P_SUCCESS("p_e2e DESC"),
        PRICE("coalesce(price_sats, nullif(advertised_price_sats, 0)) ASC NULLS LAST"),
        UPTIME("uptime_7d DESC NULLS LAST"),
        LATENCY("coalesce(median_latency_7d_ms, last_latency_ms) ASC NULLS LAST"),
        RELIABILITY("p_e2e * coalesce(uptime_7d, 0) DESC"),
        COST("coalesce(price_sats, nullif(advertised_price_sats, 0)) ASC NULLS LAST");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /** A search of the listed catalogue; null fields do not filter. {@code q} is matched as a substring. */
    public record Search(String q, String category, Double minPSuccess, Double minUptime, Sort sort, int limit,
                         int offset) {
    }

    public record Page(List<EndpointScore> rows, long total) {
    }

    public record CategoryCount(String category, long endpoints, long active) {
    }

    public static Page search(Handle h, Search s) {
        String where = " WHERE " + LISTED
                + (s.q() == null ? "" : " AND (strpos(lower(name), :q) > 0 OR strpos(lower(description), :q) > 0"
                        + " OR strpos(lower(category), :q) > 0 OR strpos(lower(provider), :q) > 0)")
                + (s.category() == null ? "" : " AND category = :category")
                + (s.minPSuccess() == null ? "" : " AND p_e2e >= :minP")
                + (s.minUptime() == null ? "" : " AND uptime_7d >= :minUptime");
        Query count = bind(h.createQuery("SELECT count(*) FROM service_endpoints" + where), s);
        long total = count.mapTo(Long.class).one();
        Query rows = bind(h.createQuery("SELECT " + COLUMNS + " FROM service_endpoints" + where + " ORDER BY "
                + s.sort().orderBy + ", url_hash LIMIT :limit OFFSET :offset"), s)
                .bind("limit", s.limit()).bind("offset", s.offset());
        return new Page(withStages(h, rows.map((rs, ctx) -> row(rs)).list()), total);
    }

    private static Query bind(Query query, Search s) {
        if (s.q() != null) {
            query.bind("q", s.q().toLowerCase(java.util.Locale.ROOT));
        }
        if (s.category() != null) {
            query.bind("category", s.category());
        }
        if (s.minPSuccess() != null) {
            query.bind("minP", s.minPSuccess());
        }
        if (s.minUptime() != null) {
            query.bind("minUptime", s.minUptime());
        }
        return query;
    }

    /** The listed endpoints of a category, at most {@code max}, best end-to-end first. */
    public static List<EndpointScore> inCategory(Handle h, String category, int max) {
        return withStages(h, h.createQuery("SELECT " + COLUMNS + " FROM service_endpoints WHERE " + LISTED
                        + " AND category = :category ORDER BY p_e2e DESC, url_hash LIMIT :max")
                .bind("category", category).bind("max", max).map((rs, ctx) -> row(rs)).list());
    }

    /** Any endpoint the catalogue knows, listed or not. */
    public static Optional<EndpointScore> byHash(Handle h, String urlHash) {
        List<EndpointScore> one = h.createQuery("SELECT " + COLUMNS + " FROM service_endpoints WHERE url_hash = :h")
                .bind("h", urlHash).map((rs, ctx) -> row(rs)).list();
        return withStages(h, one).stream().findFirst();
    }

    /**
     * Listed endpoints per category, most first; active ones have at least three checks, answered half
     * of them and were checked within 7 days of {@code nowMs}.
     */
    public static List<CategoryCount> categories(Handle h, long nowMs) {
        return h.createQuery("SELECT category, count(*), count(*) FILTER (WHERE check_count >= 3 AND uptime_7d >= 0.5"
                        + " AND last_checked_ms >= :since) FROM service_endpoints WHERE " + LISTED
                        + " GROUP BY category ORDER BY count(*) DESC, category")
                .bind("since", nowMs - 7L * 86_400_000L)
                .map((rs, ctx) -> new CategoryCount(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    public static boolean categoryExists(Handle h, String category) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM service_endpoints WHERE category = :c AND " + LISTED + ")")
                .bind("c", category).mapTo(Boolean.class).one();
    }

    private static List<EndpointScore> withStages(Handle h, List<EndpointScore> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<StageScore>> stages = new HashMap<>();
        h.createQuery("""
                        SELECT url_hash, stage, alpha, beta, p_success, ci95_low, ci95_high, n_obs, observations,
                               last_outcome, last_updated_ms
                        FROM endpoint_stage_posteriors WHERE url_hash = ANY(:hashes) ORDER BY url_hash, stage""")
                .bindArray("hashes", String.class, rows.stream().map(EndpointScore::urlHash).toList())
                .map((rs, ctx) -> {
                    stages.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new StageScore(
                            Stage.ofNumber(rs.getInt(2)), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9), rs.getString(10),
                            (Long) rs.getObject(11)));
                    return 0;
                }).list();
        List<EndpointScore> out = new ArrayList<>(rows.size());
        for (EndpointScore e : rows) {
            out.add(new EndpointScore(e.urlHash(), e.url(), e.name(), e.description(), e.category(), e.provider(),
                    e.httpMethod(), e.advertisedPriceSats(), e.invoicedPriceSats(), e.payeePubkey(), e.sources(),
                    e.deprecated(), e.lastHttpStatus(), e.lastLatencyMs(), e.lastCheckedMs(), e.checkCount(),
                    e.successCount(), e.uptime7d(), e.medianLatency7dMs(), e.pE2e(), e.pE2ePessimistic(),
                    e.pE2eOptimistic(), e.meaningfulStages(), stages.getOrDefault(e.urlHash(), List.of()), e.operatorId()));
        }
        return out;
    }

    private static EndpointScore row(ResultSet rs) throws SQLException {
        Array sources = rs.getArray(11);
        return new EndpointScore(rs.getString(1).trim(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), (Long) rs.getObject(9),
                rs.getString(10), sources == null ? List.of() : Arrays.asList((String[]) sources.getArray()),
                rs.getBoolean(12), (Integer) rs.getObject(13), (Integer) rs.getObject(14), (Long) rs.getObject(15),
                rs.getLong(16), rs.getLong(17), (Double) rs.getObject(18), (Integer) rs.getObject(19), rs.getDouble(20),
                rs.getDouble(21), rs.getDouble(22), rs.getInt(23), List.of(), rs.getString(24));
    }
}
