package com.satrank.services.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Category names as agents send them and as the catalogue stores them: trimmed, lower case, with
 * the reference's aliases folded (so {@code ai/llm} and {@code AI} both mean {@code ai}).
 */
public final class Categories {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9/_-]{1,31}");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ai/ml", "ai"), Map.entry("ai/llm", "ai"), Map.entry("ai/agents", "ai"),
            Map.entry("ai/embeddings", "ai"), Map.entry("data/oracle", "data"), Map.entry("real-time-data", "data"),
            Map.entry("crypto/prices", "data"), Map.entry("tools/directory", "tools"), Map.entry("lightning", "bitcoin"),
            Map.entry("earn/cashback", "earn"), Map.entry("earn/optimization", "earn"));

    private Categories() {
    }

    /** The normalised name, or empty when {@code raw} is not a well-formed category name. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.trim().toLowerCase(Locale.ROOT);
        name = ALIASES.getOrDefault(name, name);
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
