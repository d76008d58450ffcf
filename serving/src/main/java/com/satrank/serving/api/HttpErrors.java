package com.satrank.serving.api;

/**
 * The error code and a plain message for an HTTP status that Jetty or Jersey produce on their own
 * (routing, framing, limits), so every such answer carries the same envelope as ours.
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    public static String code(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 411 -> "LENGTH_REQUIRED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 417 -> "EXPECTATION_FAILED";
            case 429 -> "RATE_LIMITED";
            case 431 -> "HEADERS_TOO_LARGE";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }

    public static String message(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Route not found";
            case 405 -> "Method not allowed on this route";
            case 406 -> "This route answers application/json";
            case 408 -> "Request timed out";
            case 411 -> "Content-Length required";
            case 413 -> "Payload too large";
            case 414 -> "Request URI too long";
            case 415 -> "Content-Type must be application/json";
            case 417 -> "Only Expect: 100-continue is supported";
            case 429 -> "Too many requests";
            case 431 -> "Request headers too large";
            case 501 -> "Not implemented";
            case 503 -> "Service unavailable, try again shortly";
            case 505 -> "HTTP version not supported";
            default -> status >= 500 ? "Internal server error" : "Bad request";
        };
    }
}
