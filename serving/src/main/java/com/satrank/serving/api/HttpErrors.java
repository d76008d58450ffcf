package com.satrank.serving.api;

import java.util.Map;

/**
 * The error code and a plain message for an HTTP status that Jetty or Jersey produce on their own
 * (routing, framing, limits), so every such answer carries the same envelope as ours.
 */
public final class HttpErrors {
    private record Known(String code, String message) {
    }

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            Map.entry(400, new Known("BAD_REQUEST", "Bad request")),
            Map.entry(404, new Known("NOT_FOUND", "Route not found")),
            Map.entry(405, new Known("METHOD_NOT_ALLOWED", "Method not allowed on this route")),
            Map.entry(406, new Known("NOT_ACCEPTABLE", "This route answers application/json")),
            Map.entry(408, new Known("REQUEST_TIMEOUT", "Request timed out")),
            Map.entry(411, new Known("LENGTH_REQUIRED", "Content-Length required")),
            Map.entry(413, new Known("PAYLOAD_TOO_LARGE", "Payload too large")),
            Map.entry(414, new Known("URI_TOO_LONG", "Request URI too long")),
            Map.entry(415, new Known("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json")),
            Map.entry(417, new Known("EXPECTATION_FAILED", "Only Expect: 100-continue is supported")),
            Map.entry(429, new Known("RATE_LIMITED", "Too many requests")),
            Map.entry(431, new Known("HEADERS_TOO_LARGE", "Request headers too large")),
            Map.entry(501, new Known("NOT_IMPLEMENTED", "Not implemented")),
            Map.entry(503, new Known("SERVICE_UNAVAILABLE", "Service unavailable, try again shortly")),
            Map.entry(505, new Known("HTTP_VERSION_NOT_SUPPORTED", "HTTP version not supported")));
    private static final Known SERVER = new Known("INTERNAL_ERROR", "Internal server error");
    private static final Known CLIENT = new Known("BAD_REQUEST", "Bad request");

    private HttpErrors() {
    }

    public static String code(int status) {
        return of(status).code();
    }

    public static String message(int status) {
        return of(status).message();
    }

    private static Known of(int status) {
        return KNOWN.getOrDefault(status, status >= 500 ? SERVER : CLIENT);
    }
}
