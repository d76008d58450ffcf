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

    /**
     * One assertion the tables give now: its address (kind, d), what the republish rules compare, its
     * template, and for the periodic kinds the period after which it is due again whatever changed
     * (0: republished on meaningful change only).
     */
    public record Assertion(int kind, String d, RepublishRules.Summary summary, TrustAssertions.Template template,
                            long periodSeconds) {
        Assertion(int kind, String d, RepublishRules.Summary summary, TrustAssertions.Template template) {
            this(kind, d, summary, template, 0);
        }
    }

    /** Who signs and what the announcement names (configuration, not tables). */
    public record Oracle(String pubkey, String lndPubkey, String contact, String onboardingUrl) {
    }

    /** At most this many kind 30782 assertions per pass, as the reference. */
    static final int E2E_LIMIT = 200;
    /** The reference skips a 30782 published within the last 6 days. */
    static final long E2E_PERIOD = 6 * 86_400L;
    static final long CALIBRATION_PERIOD = 7 * 86_400L;
    static final long ANNOUNCEMENT_PERIOD = 86_400L;

    /**
     * Everything the publisher and {@code nostr-events} sign at a pass: node and endpoint assertions
     * (at most {@code limit} of each), the weekly end-to-end assertions and calibration, the daily
     * announcement. Periodic events name the ledger's latest calibration and assertion ids.
     */
    public static List<Assertion> current(Handle h, int limit, Oracle oracle, long createdAt) {
        List<Assertion> out = current(h, limit);
        String calibrationId = ledgerId(h, TrustAssertions.CALIBRATION_KIND, "satrank-calibration");
        for (var e : endpoints(h, Math.min(limit, E2E_LIMIT))) {
            int measured = (int) e.stages().stream().filter(s -> s.nObs() > 0).count();
            out.add(new Assertion(TrustAssertions.E2E_KIND, e.urlHash(), new RepublishRules.Summary("e2e", e.pE2e(), 0),
                    TrustAssertions.endToEnd(e, measured, oracle.pubkey(), calibrationId, createdAt), E2E_PERIOD));
        }
        List<TrustAssertions.Delta> deltas = deltas(h);
        if (!deltas.isEmpty()) { // a calibration of nothing would stand for a week
            long windowStart = h.createQuery("SELECT coalesce(min(first_listed_ms), 0) FROM service_endpoints")
                    .mapTo(Long.class).one() / 1000;
            out.add(new Assertion(TrustAssertions.CALIBRATION_KIND, "satrank-calibration",
                    new RepublishRules.Summary("calibration", 0, deltas.size()),
                    TrustAssertions.calibration(deltas, windowStart, createdAt, oracle.pubkey()), CALIBRATION_PERIOD));
        }
        long catalogue = h.createQuery("SELECT count(*) FROM service_endpoints WHERE NOT deprecated")
                .mapTo(Long.class).one();
        String lastAssertion = h.createQuery("SELECT event_id FROM nostr_published WHERE kind = :k"
                        + " ORDER BY published_at_ms DESC, d LIMIT 1").bind("k", TrustAssertions.E2E_KIND)
                .mapTo(String.class).findOne().orElse("");
        out.add(new Assertion(TrustAssertions.ANNOUNCEMENT_KIND, "satrank-oracle-announcement",
                new RepublishRules.Summary("announcement", 0, catalogue),
                TrustAssertions.announcement(oracle.pubkey(), catalogue, oracle.lndPubkey(), calibrationId, lastAssertion,
                        oracle.contact(), oracle.onboardingUrl()), ANNOUNCEMENT_PERIOD));
        return out;
    }

    private static String ledgerId(Handle h, int kind, String d) {
        return h.createQuery("SELECT event_id FROM nostr_published WHERE kind = :k AND d = :d").bind("k", kind)
                .bind("d", d).mapTo(String.class).findOne().orElse("");
    }

    /**
     * Per endpoint paid at least once: its p_e2e against the product of its stages' raw success
     * rates (successes / observations since listing; a stage never reached adds nothing, a stage that
     * never succeeded makes the chain's rate 0); outcomes = payment attempts.
     */
    static List<TrustAssertions.Delta> deltas(Handle h) {
        return h.createQuery("""
                        SELECT e.url_hash, e.p_e2e,
                               exp(sum(ln(greatest(p.successes, 0)::float8 / p.observations)) FILTER (WHERE p.successes > 0)),
                               bool_or(p.successes = 0),
                               max(p.observations) FILTER (WHERE p.stage = 3)
                        FROM service_endpoints e JOIN endpoint_stage_posteriors p USING (url_hash)
                        WHERE NOT e.deprecated AND p.observations > 0
                        GROUP BY e.url_hash, e.p_e2e
                        HAVING max(p.observations) FILTER (WHERE p.stage = 3) > 0
                        ORDER BY e.url_hash""")
                .map((rs, ctx) -> new TrustAssertions.Delta(rs.getString(1).trim(), rs.getDouble(2),
                        rs.getBoolean(4) ? 0 : rs.getDouble(3), rs.getLong(5)))
                .list();
    }

    /** Node then endpoint assertions, at most {@code limit} of each. */
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
