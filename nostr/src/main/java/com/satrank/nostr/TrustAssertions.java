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

    private static String four(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
