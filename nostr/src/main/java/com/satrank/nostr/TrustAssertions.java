package com.satrank.nostr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What SatRank asserts on Nostr, as event templates (kind, tags, content) built from table rows:
 * kind 30382 for a node (NIP-85-style; tags as the reference's stream A, d = the node's pubkey) and
 * kind 30383 for a paid endpoint (d = url_hash; p_e2e with its bounds; the five stages as JSON
 * content). Pure: the same rows give the same templates; signing adds id, pubkey and sig.
 */
public final class TrustAssertions {
    public static final int NODE_KIND = 30382;
    public static final int ENDPOINT_KIND = 30383;
    public static final int E2E_KIND = 30782;
    public static final int CALIBRATION_KIND = 30783;
    public static final int ANNOUNCEMENT_KIND = 30784;
    /** How long a kind 30782 end-to-end assertion says it holds. */
    public static final long E2E_VALID_SECONDS = 7 * 86_400L;

    /** An event before signing. */
    public record Template(int kind, List<List<String>> tags, String content) {
    }

    /** A node's row: its score and the few graph facts the assertion carries. */
    public record Node(String pubkey, String alias, String verdict, double pSuccess, double ci95Low, double ci95High,
                       double nObs, boolean converged, int timeConstantDays, Double reachability, long lastEvidenceMs) {
    }

    /** One stage of an endpoint. */
    public record Stage(int stage, double pSuccess, double ci95Low, double ci95High, double nObs) {
    }

    /** An endpoint's catalogue row and its stages. */
    public record Endpoint(String urlHash, String url, String name, String category, String httpMethod, Long priceSats,
                           Integer medianLatencyMs, double pE2e, double pE2ePessimistic, double pE2eOptimistic,
                           int meaningfulStages, List<Stage> stages) {
    }

    private TrustAssertions() {
    }

    public static Template node(Node n) {
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("d", n.pubkey()));
        tags.add(List.of("n", "lightning"));
        tags.add(List.of("alias", n.alias()));
        tags.add(List.of("verdict", n.verdict()));
        tags.add(List.of("p_success", four(n.pSuccess())));
        tags.add(List.of("ci95_low", four(n.ci95Low())));
        tags.add(List.of("ci95_high", four(n.ci95High())));
        tags.add(List.of("n_obs", Long.toString(Math.round(n.nObs()))));
        tags.add(List.of("converged", Boolean.toString(n.converged())));
        tags.add(List.of("tau_days", Integer.toString(n.timeConstantDays())));
        if (n.reachability() != null) {
            tags.add(List.of("reachable", Boolean.toString(n.reachability() > 0)));
        }
        tags.add(List.of("last_update", Long.toString(n.lastEvidenceMs() / 1000)));
        return new Template(NODE_KIND, tags, "");
    }

    public static Template endpoint(Endpoint e) {
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("d", e.urlHash()));
        tags.add(List.of("url", e.url()));
        tags.add(List.of("service_name", e.name()));
        tags.add(List.of("category", e.category()));
        tags.add(List.of("http_method", e.httpMethod()));
        if (e.priceSats() != null) {
            tags.add(List.of("price_sats", Long.toString(e.priceSats())));
        }
        if (e.medianLatencyMs() != null) {
            tags.add(List.of("median_latency_ms", Integer.toString(e.medianLatencyMs())));
        }
        tags.add(List.of("p_e2e", four(e.pE2e())));
        tags.add(List.of("p_e2e_pessimistic", four(e.pE2ePessimistic())));
        tags.add(List.of("p_e2e_optimistic", four(e.pE2eOptimistic())));
        tags.add(List.of("meaningful_stages_count", Integer.toString(e.meaningfulStages())));
        StringBuilder content = new StringBuilder("{\"stages\":[");
        for (int i = 0; i < e.stages().size(); i++) {
            Stage s = e.stages().get(i);
            content.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"stage\":%d,\"p_success\":%s,\"ci95_low\":%s,\"ci95_high\":%s,\"n_obs\":%s}", s.stage(),
                    four(s.pSuccess()), four(s.ci95Low()), four(s.ci95High()), four(s.nObs())));
        }
        return new Template(ENDPOINT_KIND, tags, content.append("]}").toString());
    }

    /**
     * Kind 30782, the weekly end-to-end assertion (reference §6): p_e2e with its band, valid for 7
     * days from {@code createdAt}, signed by {@code oraclePubkey}, pointing at the calibration event
     * that backs it (empty until one is published); content = the five stages, as kind 30383.
     */
    public static Template endToEnd(Endpoint e, int measuredStages, String oraclePubkey, String calibrationEventId,
                                    long createdAt) {
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("d", e.urlHash()));
        tags.add(List.of("endpoint_url", e.url()));
        tags.add(List.of("valid_until", Long.toString(createdAt + E2E_VALID_SECONDS)));
        tags.add(List.of("p_e2e", four(e.pE2e())));
        tags.add(List.of("p_e2e_pessimistic", four(e.pE2ePessimistic())));
        tags.add(List.of("p_e2e_optimistic", four(e.pE2eOptimistic())));
        tags.add(List.of("meaningful_stages_count", Integer.toString(e.meaningfulStages())));
        tags.add(List.of("measured_stages", Integer.toString(measuredStages)));
        tags.add(List.of("oracle_pubkey", oraclePubkey));
        tags.add(List.of("http_method", e.httpMethod()));
        if (e.priceSats() != null) {
            tags.add(List.of("price_sats", Long.toString(e.priceSats())));
        }
        tags.add(List.of("calibration_proof", calibrationEventId));
        tags.add(List.of("category", e.category()));
        return new Template(E2E_KIND, tags, endpoint(e).content());
    }

    /** One endpoint's predicted p_e2e against the rate its raw evidence shows. */
    public record Delta(String urlHash, double predicted, double observed, long outcomes) {
        public double abs() {
            return Math.abs(predicted - observed);
        }
    }

    /**
     * Kind 30783, the calibration event: how far each endpoint's posterior p_e2e sits from the
     * product of its stages' raw success rates, over the endpoints paid at least once in the window
     * (mean, median, p95 of |Δ|), with the 20 largest deltas in the content.
     */
    public static Template calibration(List<Delta> deltas, long windowStart, long windowEnd, String oraclePubkey) {
        double[] abs = deltas.stream().mapToDouble(Delta::abs).sorted().toArray();
        double mean = abs.length == 0 ? 0 : java.util.Arrays.stream(abs).average().orElse(0);
        long outcomes = deltas.stream().mapToLong(Delta::outcomes).sum();
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("d", "satrank-calibration"));
        tags.add(List.of("window_start", Long.toString(windowStart)));
        tags.add(List.of("window_end", Long.toString(windowEnd)));
        tags.add(List.of("delta_mean", four(mean)));
        tags.add(List.of("delta_median", four(quantile(abs, 0.5))));
        tags.add(List.of("delta_p95", four(quantile(abs, 0.95))));
        tags.add(List.of("n_endpoints", Integer.toString(abs.length)));
        tags.add(List.of("n_outcomes", Long.toString(outcomes)));
        tags.add(List.of("oracle_pubkey", oraclePubkey));
        StringBuilder content = new StringBuilder(String.format(Locale.ROOT,
                "{\"delta_mean\":%s,\"n_endpoints\":%d,\"n_outcomes\":%d,\"top\":[", four(mean), abs.length, outcomes));
        List<Delta> top = deltas.stream().sorted(java.util.Comparator.comparingDouble(Delta::abs).reversed()
                .thenComparing(Delta::urlHash)).limit(20).toList();
        for (int i = 0; i < top.size(); i++) {
            Delta d = top.get(i);
            content.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"url_hash\":\"%s\",\"predicted\":%s,\"observed\":%s,\"outcomes\":%d}", d.urlHash(),
                    four(d.predicted()), four(d.observed()), d.outcomes()));
        }
        return new Template(CALIBRATION_KIND, tags, content.append("]}").toString());
    }

    /** Nearest-rank quantile of sorted values; 0 for none. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Kind 30784, the daily announcement: who the oracle is, what it covers, where its proofs are. */
    public static Template announcement(String oraclePubkey, long catalogueSize, String lndPubkey,
                                        String calibrationEventId, String lastAssertionEventId, String contact,
                                        String onboardingUrl) {
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("d", "satrank-oracle-announcement"));
        tags.add(List.of("oracle_pubkey", oraclePubkey));
        tags.add(List.of("catalogue_size", Long.toString(catalogueSize)));
        tags.add(List.of("lnd_pubkey", lndPubkey));
        tags.add(List.of("calibration_event_id", calibrationEventId));
        tags.add(List.of("last_assertion_event_id", lastAssertionEventId));
        tags.add(List.of("contact", contact));
        tags.add(List.of("onboarding_url", onboardingUrl));
        return new Template(ANNOUNCEMENT_KIND, tags, "");
    }

    private static String four(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
