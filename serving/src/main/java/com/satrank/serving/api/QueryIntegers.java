package com.satrank.serving.api;

import java.util.regex.Pattern;

/**
 * Whole numbers from query strings, parsed from the raw string so bad input is a 400
 * VALIDATION_ERROR naming the parameter, not a 404 or a 500.
 */
public final class QueryIntegers {
    private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private QueryIntegers() {
    }

    /** {@code raw} as a number in [min, max]; {@code fallback} when absent. */
    public static long parse(String name, String raw, long fallback, long min, long max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        String digits = raw.trim();
        // ASCII digits only: Long.parseLong also takes other scripts' digits, which the schema does not
        if (!ASCII_INTEGER.matcher(digits).matches()) {
            throw ApiException.validation(name + " must be an integer, got \"" + abbreviate(raw) + "\"");
        }
        return inRange(name, Long.parseLong(digits), min, max);
    }

    /** {@code value} itself, or a 400 naming {@code name} when it is outside [min, max]. */
    public static long inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw ApiException.validation(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static String abbreviate(String raw) {
        return raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
    }
}
