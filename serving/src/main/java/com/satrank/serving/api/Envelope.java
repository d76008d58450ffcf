package com.satrank.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The success envelope: {@code {data, meta?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope<T>(T data, Object meta) {
    public static <T> Envelope<T> of(T data) {
        return new Envelope<>(data, null);
    }

    public static <T> Envelope<T> of(T data, Object meta) {
        return new Envelope<>(data, meta);
    }
}
