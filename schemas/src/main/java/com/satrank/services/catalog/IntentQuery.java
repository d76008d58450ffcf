package com.satrank.services.catalog;

import java.util.List;
import java.util.Locale;

/**
 * An agent's request for services of a category (reference §1.10), validated: the category
 * normalised, keywords AND-matched case-insensitively, budget and latency as upper bounds on the
 * known price and median latency, 1–20 candidates, ranked by {@link Optimize}.
 */
public record IntentQuery(String category, List<String> keywords, Long budgetSats, Integer maxLatencyMs, int limit,
                          Optimize optimize, boolean fresh) {
    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 20;

    public enum Optimize {
        P_SUCCESS, LATENCY, RELIABILITY, COST;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optimize parse(String raw) {
            if (raw == null) {
                return P_SUCCESS;
            }
            for (Optimize o : values()) {
                if (o.json().equals(raw)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("optimize must be one of p_success, latency, reliability, cost");
        }
    }

    /** Validates the raw fields; throws IllegalArgumentException naming the first bad one. */
    public static IntentQuery of(String category, List<String> keywords, Long budgetSats, Long maxLatencyMs, Long limit,
                                 String optimize, boolean fresh) {
        if (category == null || category.isBlank() || category.length() > 50) {
            throw new IllegalArgumentException("category must be a string of 1 to 50 characters");
        }
        String normalised = Categories.normalise(category).orElseThrow(() -> new IllegalArgumentException(
                "category must match ^[a-z][a-z0-9/_-]{1,31}$ after normalisation"));
        List<String> words = keywords == null ? List.of() : keywords;
        if (words.size() > 10) {
            throw new IllegalArgumentException("keywords must hold at most 10 entries");
        }
        for (String w : words) {
            if (w == null || w.isEmpty() || w.length() > 50) {
                throw new IllegalArgumentException("each keyword must be a string of 1 to 50 characters");
            }
        }
        if (budgetSats != null && (budgetSats < 0 || budgetSats > 1_000_000)) {
            throw new IllegalArgumentException("budget_sats must be an integer between 0 and 1000000");
        }
        if (maxLatencyMs != null && (maxLatencyMs < 0 || maxLatencyMs > 60_000)) {
            throw new IllegalArgumentException("max_latency_ms must be an integer between 0 and 60000");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be an integer between 1 and " + MAX_LIMIT);
        }
        return new IntentQuery(normalised, words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList(), budgetSats,
                maxLatencyMs == null ? null : maxLatencyMs.intValue(), limit == null ? DEFAULT_LIMIT : limit.intValue(),
                Optimize.parse(optimize), fresh);
    }
}
