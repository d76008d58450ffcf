package com.satrank.serving.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address (Bucket4j): {@code perMinute} requests a minute, refilled
 * greedily, bursts up to the same number. Buckets of addresses not seen for a while are dropped
 * wholesale once there are more than {@link #MAX_CLIENTS}, which at worst resets a few clients early.
 */
public final class IpRateLimiter {
    static final int MAX_CLIENTS = 100_000;

    private final long perMinute;
    private final TimeMeter time;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Allowed, or refused with how long to wait (whole seconds, at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    public IpRateLimiter(long perMinute, TimeMeter time) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive");
        }
        this.perMinute = perMinute;
        this.time = time;
    }

    public Decision tryConsume(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0);
        }
        return new Decision(false, Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
