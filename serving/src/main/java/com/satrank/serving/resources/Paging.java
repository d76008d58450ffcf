package com.satrank.serving.resources;

import com.satrank.serving.api.ApiException;

/** Validated limit/offset query parameters, parsed from raw strings so bad input is a 400, not a 404. */
record Paging(int limit, int offset) {
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 100_000;
    private static final java.util.regex.Pattern ASCII_INTEGER = java.util.regex.Pattern.compile("-?[0-9]{1,9}");

    static Paging parse(String limit, String offset, int defaultLimit) {
        int l = parseInt("limit", limit, defaultLimit, 1, MAX_LIMIT);
        int o = parseInt("offset", offset, 0, 0, MAX_OFFSET);
        return new Paging(l, o);
    }

    private static int parseInt(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        String digits = raw.trim();
        // ASCII digits only: Integer.parseInt also takes other scripts' digits, which the schema does not
        if (!ASCII_INTEGER.matcher(digits).matches()) {
            throw ApiException.validation(name + " must be an integer, got \"" + abbreviate(raw) + "\"");
        }
        int value = Integer.parseInt(digits);
        if (value < min || value > max) {
            throw ApiException.validation(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static String abbreviate(String raw) {
        return raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
    }
}
