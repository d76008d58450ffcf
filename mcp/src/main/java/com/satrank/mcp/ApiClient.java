package com.satrank.mcp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The SatRank HTTP API as the MCP tools call it: a base URL, and the credentials the operator of
 * this MCP server configured (the X-API-Key for reports, an L402 credential for the paid routes).
 * The MCP server is a client of the API like any agent; it reads no table itself.
 */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<String> baseUrl;
    private final String apiKey;
    private final String l402;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUrl where the API answers (read at each call: the API's own /mcp learns its port late)
     * @param apiKey  the X-API-Key sent with reports, or null
     * @param l402    an {@code L402 <macaroon>:<preimage>} credential for the paid routes, or null
     */
    public ApiClient(Supplier<String> baseUrl, String apiKey, String l402) {
        this.baseUrl = baseUrl;
        this.apiKey = blankToNull(apiKey);
        this.l402 = blankToNull(l402);
    }

    /**
     * The credentials an MCP client sent with its own request (streamable HTTP), used instead of this
     * server's for that call; {@link #NONE} over stdio, where the server's come from its environment.
     */
    public record Caller(String apiKey, String l402) {
        public static final Caller NONE = new Caller(null, null);
    }

    /** An answer: the HTTP status and the body as the API sent it (JSON). */
    public record Answer(int status, String body, String wwwAuthenticate) {
    }

    public Answer get(String path, Map<String, String> query, boolean paid, Caller caller) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET(), paid, false, caller);
    }

    public Answer post(String path, Map<String, String> query, String json, boolean paid, boolean withKey,
                       Caller caller) {
        return send(HttpRequest.newBuilder(uri(path, query)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), paid, withKey, caller);
    }

    private Answer send(HttpRequest.Builder request, boolean paid, boolean withKey, Caller caller) {
        request.timeout(TIMEOUT).header("Accept", "application/json");
        String credential = caller.l402() != null ? caller.l402() : l402;
        String key = caller.apiKey() != null ? caller.apiKey() : apiKey;
        if (paid && credential != null) {
            request.header("Authorization", credential);
        }
        if (withKey && key != null) {
            request.header("X-API-Key", key);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            return new Answer(0, "{\"error\":{\"code\":\"API_UNREACHABLE\",\"message\":\"" + e.getClass().getSimpleName()
                    + " reaching " + baseUrl.get() + "\"}}", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "{\"error\":{\"code\":\"INTERRUPTED\",\"message\":\"interrupted\"}}", null);
        }
    }

    private URI uri(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        String base = baseUrl.get().replaceAll("/+$", "");
        return URI.create(base + path + (q.length() == 0 ? "" : "?" + q));
    }

    /** A path segment from a tool argument, percent-encoded so it cannot leave its segment. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
