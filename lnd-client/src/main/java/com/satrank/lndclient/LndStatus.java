package com.satrank.lndclient;

import com.satrank.metrics.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reachability of LND as seen by its callers, for health and metrics. Degraded after
 * {@value #DEGRADED_AFTER} consecutive failures; never probed is "unknown".
 */
public final class LndStatus {
    static final int DEGRADED_AFTER = 3;

    /** The calls our clients make, so their error counters read 0 before the first failure. */
    static final List<String> METHODS = List.of("GetInfo", "DescribeGraph", "QueryRoutes", "SendToRouteV2",
            "AddInvoice", "LookupInvoice");

    private final Histogram calls;
    private final Counter errors;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastError = "";

    public LndStatus(Metrics metrics) {
        this.calls = metrics.histogram("satrank_lnd_call_duration_seconds",
                "Successful LND gRPC calls by method and their duration", Metrics.LATENCY_SECONDS, "method");
        this.errors = metrics.counter("satrank_lnd_call_errors_total", "Failed LND gRPC calls by method", "method");
        METHODS.forEach(m -> errors.labelValues(m));
    }

    public void recordSuccess(String method, long nanos) {
        consecutiveFailures.set(0);
        successes.incrementAndGet();
        calls.labelValues(method).observe(nanos / 1e9);
    }

    public void recordFailure(String method, String code) {
        consecutiveFailures.incrementAndGet();
        failures.incrementAndGet();
        lastError = method + ": " + code;
        errors.labelValues(method).inc();
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
