package com.satrank.nostr.db;

import com.satrank.nostr.RepublishRules;
import com.satrank.nostr.TrustAssertions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reads the rows assertions are built from, in a stable order (so a dry run is repeatable). */
public final class AssertionQueries {
    private AssertionQueries() {
    }

    /** One assertion the tables give now: its address (kind, d), what the republish rules compare, its template. */
    public record Assertion(int kind, String d, RepublishRules.Summary summary, TrustAssertions.Template template) {
    }

    /** Node then endpoint assertions, at most {@code limit} of each: what the publisher and {@code nostr-events} sign. */
    public static List<Assertion> current(Handle h, int limit) {
        List<Assertion> out = new ArrayList<>();
        for (var n : nodes(h, limit)) {
            out.add(new Assertion(TrustAssertions.NODE_KIND, n.pubkey(),
                    new RepublishRules.Summary(n.verdict(), n.pSuccess(), n.nObs()), TrustAssertions.node(n)));
        }
        for (var e : endpoints(h, limit)) {
            double nObs = e.stages().stream().mapToDouble(TrustAssertions.Stage::nObs).sum();
            out.add(new Assertion(TrustAssertions.ENDPOINT_KIND, e.urlHash(),
                    new RepublishRules.Summary("stages=" + e.meaningfulStages(), e.pE2e(), nObs), TrustAssertions.endpoint(e)));
        }
        return out;
    }

    /** The event time of the last pass written, in unix seconds: the created_at of what is signed from the tables. */
    public static long lastPassSeconds(Handle h) {
        return h.createQuery("SELECT coalesce(max(event_time_ms), 0) FROM pipeline_checkpoint").mapTo(Long.class).one() / 1000;
    }

    /** Scored nodes with enough evidence to assert anything (INSUFFICIENT is skipped, as the reference does). */
    public static List<TrustAssertions.Node> nodes(Handle h, int limit) {
        return h.createQuery("""
                        SELECT n.pubkey, n.alias, s.verdict, s.p_success, s.ci95_low, s.ci95_high, s.n_obs, s.converged,
                               s.time_constant_days, s.reachability, s.last_evidence_ms
                        FROM node_scores s JOIN nodes n USING (node_id)
                        WHERE s.verdict <> 'INSUFFICIENT'
                        ORDER BY s.n_obs DESC, n.pubkey LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new TrustAssertions.Node(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getBoolean(8), rs.getInt(9),
                        (Double) rs.getObject(10), rs.getLong(11)))
                .list();
    }

    /** Listed, not deprecated endpoints with at least one meaningful stage, with their five stages. */
    public static List<TrustAssertions.Endpoint> endpoints(Handle h, int limit) {
        Map<String, List<TrustAssertions.Stage>> stages = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT p.url_hash, p.stage, p.p_success, p.ci95_low, p.ci95_high, p.n_obs
                        FROM endpoint_stage_posteriors p JOIN service_endpoints e USING (url_hash)
                        WHERE NOT e.deprecated AND e.meaningful_stages > 0 ORDER BY p.url_hash, p.stage""")
                .map((rs, ctx) -> {
                    stages.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new TrustAssertions.Stage(
                            rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
                    return 0;
                }).list();
        return h.createQuery("""
                        SELECT url_hash, url, name, category, http_method, price_sats, median_latency_7d_ms, p_e2e,
                               p_e2e_pessimistic, p_e2e_optimistic, meaningful_stages
                        FROM service_endpoints WHERE NOT deprecated AND meaningful_stages > 0
                        ORDER BY meaningful_stages DESC, url_hash LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new TrustAssertions.Endpoint(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), (Long) rs.getObject(6), (Integer) rs.getObject(7),
                        rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getInt(11),
                        stages.getOrDefault(rs.getString(1), List.of())))
                .list();
    }
}
