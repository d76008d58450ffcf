package com.satrank.lndclient;

import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reachability of LND as seen by its callers, for health and metrics. Degraded after
 * {@value #DEGRADED_AFTER} consecutive failures; never probed is "unknown".
 */
public final class LndStatus {
    static final int DEGRADED_AFTER = 3;

    private final MetricRegistry metrics;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastError = "";

    public LndStatus(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    public void recordSuccess(String method, long nanos) {
        consecutiveFailures.set(0);
        successes.incrementAndGet();
        metrics.timer(MetricRegistry.name("satrank_lnd_call", method)).update(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordFailure(String method, String code) {
        consecutiveFailures.incrementAndGet();
        failures.incrementAndGet();
        lastError = method + ": " + code;
        metrics.counter(MetricRegistry.name("satrank_lnd_errors", method)).inc();
    }

    public String state() {
        if (consecutiveFailures.get() >= DEGRADED_AFTER) {
            return "degraded";
        }
        if (successes.get() == 0) {
            return failures.get() == 0 ? "unknown" : "degraded";
        }
        return "ok";
    }

    public String lastError() {
        return lastError;
    }

    public long failureCount() {
        return failures.get();
    }
}
