package com.satrank.serving.api;

/** The error envelope: {@code {error:{code, message}, requestId}}. */
public record ErrorBody(Error error, String requestId) {
    public record Error(String code, String message) {
    }

    public static ErrorBody of(String code, String message, String requestId) {
        return new ErrorBody(new Error(code, message), requestId);
    }
}
