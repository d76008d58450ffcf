package com.satrank.serving.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * A token bucket per client address (Bucket4j): {@code perMinute} requests a minute, refilled
 * greedily, bursts up to the same number. The buckets live in a bounded Caffeine cache: a bucket
 * idle for longer than a refill period is full again, so expiring it changes nobody's limit; past
 * {@link #MAX_CLIENTS} addresses the least useful bucket is evicted, which at worst hands that one
 * address a fresh bucket and never resets any other.
 */
public final class IpRateLimiter {
    static final int MAX_CLIENTS = 100_000;

    private final long perMinute;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** Allowed, or refused with how long to wait (whole seconds, at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    public IpRateLimiter(long perMinute, TimeMeter time) {
        this(perMinute, time, MAX_CLIENTS);
    }

    IpRateLimiter(long perMinute, TimeMeter time, int maxClients) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive");
        }
        this.perMinute = perMinute;
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofMinutes(2))
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run)
                .build();
    }

    public Decision tryConsume(String client) {
        return decide(buckets.get(client, c -> newBucket()));
    }

    /** Addresses currently tracked (bounded by the cache). */
    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }

    static Decision decide(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Decision.ALLOWED;
        }
        return new Decision(false, Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
