package com.satrank.serving.api;

import com.satrank.model.amount.NodeReliability;

/**
 * The payment amount a node answer is for ({@code ?amountSats=} or a body's {@code amountSats}):
 * whole sats from 1 to 1 BTC, 1 000 when absent. Anything else is a 400 VALIDATION_ERROR.
 */
public final class Amounts {
    public static final long MAX_SAT = 100_000_000L;

    private Amounts() {
    }

    public static long query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NodeReliability.DEFAULT_AMOUNT_SAT;
        }
        try {
            return checked(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw invalid(raw.length() > 20 ? raw.substring(0, 20) + "…" : raw);
        }
    }

    public static long body(Long value) {
        return value == null ? NodeReliability.DEFAULT_AMOUNT_SAT : checked(value);
    }

    private static long checked(long value) {
        if (value < 1 || value > MAX_SAT) {
            throw invalid(Long.toString(value));
        }
        return value;
    }

    private static ApiException invalid(String got) {
        return ApiException.validation("amountSats must be a whole number of sats between 1 and " + MAX_SAT
                + ", got \"" + got + "\"");
    }
}
