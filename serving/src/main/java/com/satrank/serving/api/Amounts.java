package com.satrank.serving.api;

import com.satrank.model.amount.NodeReliability;

/**
 * The payment amount a node answer is for ({@code ?amountSats=} or a body's {@code amountSats}):
 * whole sats from 1 to 1 BTC, 1 000 when absent. Anything else is a 400 VALIDATION_ERROR.
 */
public final class Amounts {
    public static final long MAX_SAT = 100_000_000L;
    private static final String NAME = "amountSats";

    private Amounts() {
    }

    public static long query(String raw) {
        return QueryIntegers.parse(NAME, raw, NodeReliability.DEFAULT_AMOUNT_SAT, 1, MAX_SAT);
    }

    public static long body(Long value) {
        return value == null ? NodeReliability.DEFAULT_AMOUNT_SAT : QueryIntegers.inRange(NAME, value, 1, MAX_SAT);
    }
}
