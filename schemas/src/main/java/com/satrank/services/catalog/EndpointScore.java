package com.satrank.services.catalog;

import com.satrank.services.Stage;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * An endpoint's catalogue row and its stage posteriors, as the tables hold them. Times are unix
 * milliseconds of event time; {@code stages} is in stage order and may be empty for an endpoint
 * the pipeline has listed but not scored yet. {@code operatorId}: the Nostr pubkey of the operator who
 * registered it (NIP-98), or null.
 */
public record EndpointScore(String urlHash, String url, String name, String description, String category,
                            String provider, String httpMethod, long advertisedPriceSats, Long invoicedPriceSats,
                            String payeePubkey, List<String> sources, boolean deprecated, Integer lastHttpStatus,
                            Integer lastLatencyMs, Long lastCheckedMs, long checkCount, long successCount,
                            Double uptime7d, Integer medianLatency7dMs, double pE2e, double pE2ePessimistic,
                            double pE2eOptimistic, int meaningfulStages, List<StageScore> stages,
                            String operatorId) {
    public EndpointScore {
        sources = List.copyOf(sources);
        stages = List.copyOf(stages);
    }

    /** What a payer is asked for: the amount its invoices carry when one was seen, else the advertised price. */
    public Long priceSats() {
        if (invoicedPriceSats != null) {
            return invoicedPriceSats;
        }
        return advertisedPriceSats > 0 ? advertisedPriceSats : null;
    }

    /** The measured median latency of the last 7 days, else the last one seen. */
    public Integer medianLatencyMs() {
        return medianLatency7dMs != null ? medianLatency7dMs : lastLatencyMs;
    }

    public String host() {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    public StageScore stage(Stage stage) {
        for (StageScore s : stages) {
            if (s.stage() == stage) {
                return s;
            }
        }
        return null;
    }

    /** The reference's HTTP class of the last check: 2xx, redirects and 402 healthy; other 4xx degraded; else down. */
    public HttpHealth httpHealth() {
        if (lastHttpStatus == null) {
            return null;
        }
        int s = lastHttpStatus;
        if (s / 100 == 2 || s == 301 || s == 302 || s == 307 || s == 308 || s == 402) {
            return HttpHealth.HEALTHY;
        }
        return s / 100 == 4 ? HttpHealth.DEGRADED : HttpHealth.DOWN;
    }

    /** Share of checks answered (success / checks), or null below three checks. */
    public Double uptimeRatio() {
        return checkCount < 3 ? null : (double) successCount / checkCount;
    }

    /** Newest evidence of any stage, in event-time milliseconds; 0 when none. */
    public long lastEvidenceMs() {
        long newest = lastCheckedMs == null ? 0 : lastCheckedMs;
        for (StageScore s : stages) {
            if (s.lastUpdatedMs() != null) {
                newest = Math.max(newest, s.lastUpdatedMs());
            }
        }
        return newest;
    }

    public enum HttpHealth {
        HEALTHY, DEGRADED, DOWN;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
