package com.satrank.ingest.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One URL as a registry lists it, and the readers of the two registry shapes: a 402index-style page
 * ({@code services}, {@code data} or a bare array of entries with {@code url}, {@code name},
 * {@code category}, {@code price_sats}, {@code http_method}...) and an l402.directory-style listing
 * ({@code services[].endpoints[]} with {@code url}, {@code method}, {@code pricing.amount}). Entries
 * the reference's crawlers skip are skipped here: other protocols, templated URLs, unpriced or
 * not-live directory endpoints.
 */
public record RegistryListing(String registry, String url, String name, String description, String category,
                              String provider, String method, long advertisedPriceSats) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern CATEGORY = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9/_.-]{0,63}");

    /** One 402index page: the listings taken, and how many entries it held before filtering (a short page is the last). */
    public record IndexPage(List<RegistryListing> listings, int entries) {
    }

    public static IndexPage fromIndexPage(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode items = root == null ? null : root.isArray() ? root
                : root.has("services") ? root.get("services") : root.get("data");
        if (items == null || !items.isArray()) {
            throw new IOException("registry page has no list of services");
        }
        List<RegistryListing> out = new ArrayList<>();
        for (JsonNode item : items) {
            String protocol = text(item, "protocol");
            if (!protocol.isEmpty() && !protocol.equalsIgnoreCase("L402") && !protocol.equalsIgnoreCase("LSAT")) {
                continue;
            }
            String url = text(item, "url");
            if (url.isEmpty()) {
                continue;
            }
            out.add(new RegistryListing("402index", url, text(item, "name"), text(item, "description"),
                    category(text(item, "category")), text(item, "provider"),
                    method(first(text(item, "http_method"), text(item, "method"))),
                    Math.max(0, first(item, "price_sats", "price"))));
        }
        return new IndexPage(out, items.size());
    }

    /** The paid, live, non-templated endpoints of an l402.directory listing. */
    public static List<RegistryListing> fromDirectory(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode services = root == null ? null : root.isArray() ? root : root.get("services");
        if (services == null || !services.isArray()) {
            throw new IOException("directory listing has no list of services");
        }
        List<RegistryListing> out = new ArrayList<>();
        for (JsonNode service : services) {
            JsonNode endpoints = service.get("endpoints");
            if (endpoints == null || !endpoints.isArray()) {
                continue;
            }
            for (JsonNode e : endpoints) {
                String url = text(e, "url");
                long amount = e.path("pricing").path("amount").asLong(0);
                String status = text(e, "status");
                if (url.isEmpty() || url.contains("{") || amount <= 0
                        || (!status.isEmpty() && !status.equalsIgnoreCase("live"))) {
                    continue;
                }
                out.add(new RegistryListing("l402directory", url, first(text(e, "description"), text(service, "name")),
                        text(e, "description"), category(text(e, "category")), text(service, "provider"),
                        method(text(e, "method")), amount));
            }
        }
        return out;
    }

    private static String category(String raw) {
        String c = raw.trim().toLowerCase(Locale.ROOT);
        return CATEGORY.matcher(c).matches() ? c : "";
    }

    private static String method(String raw) {
        return raw.equalsIgnoreCase("POST") ? "POST" : "GET";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText("").trim();
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    private static long first(JsonNode node, String a, String b) {
        JsonNode v = node.has(a) ? node.get(a) : node.get(b);
        return v == null || !v.canConvertToLong() ? 0 : Math.round(v.asDouble());
    }
}
