package com.satrank.services;

import java.util.Collection;

/**
 * How much a listing source is trusted for a URL's metadata (the reference's order): 402index (4) >
 * l402directory (3) > self_registered (2) > ad_hoc (1). A URL takes its name, category, price and
 * method from its highest-ranked source; lower ones only add themselves to its sources.
 */
public final class RegistryRank {
    private RegistryRank() {
    }

    public static int of(String registry) {
        return switch (registry) {
            case "402index" -> 4;
            case "l402directory" -> 3;
            case "self_registered" -> 2;
            case "ad_hoc" -> 1;
            default -> 0;
        };
    }

    /** Whether a listing by {@code registry} may set the metadata of a URL already listed by {@code sources}. */
    public static boolean setsMetadata(String registry, Collection<String> sources) {
        int rank = of(registry);
        return sources.stream().noneMatch(s -> of(s) > rank);
    }
}
