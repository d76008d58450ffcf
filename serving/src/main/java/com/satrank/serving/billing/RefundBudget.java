package com.satrank.serving.billing;

import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@link #PER_HOUR} refunds per token and clock hour: a route's own 400 gives the credit
 * back, but a client cannot turn malformed requests into free probing of the gate. Counts for past
 * hours are dropped as soon as any token refunds in a new hour.
 */
final class RefundBudget {
    static final int PER_HOUR = 20;
    private static final long HOUR_MS = 3_600_000L;

    private final InstantSource clock;
    private final ConcurrentHashMap<String, Integer> used = new ConcurrentHashMap<>();
    private volatile long hour = Long.MIN_VALUE;

    RefundBudget(InstantSource clock) {
        this.clock = clock;
    }

    boolean tryUse(String paymentHash) {
        long now = clock.millis() / HOUR_MS;
        if (now != hour) {
            synchronized (this) {
                if (now != hour) {
                    used.clear();
                    hour = now;
                }
            }
        }
        return used.merge(paymentHash, 1, Integer::sum) <= PER_HOUR;
    }
}
