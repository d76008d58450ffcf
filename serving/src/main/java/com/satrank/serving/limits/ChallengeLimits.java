package com.satrank.serving.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * How many L402 challenges (each an AddInvoice on our node) may be issued: per client address and
 * for the whole server, per minute. Anyone can ask for a challenge without paying, so without these
 * a client could mint invoices on our node and hold request threads at will.
 */
public final class ChallengeLimits {
    private final IpRateLimiter perAddress;
    private final Bucket global;

    public ChallengeLimits(long perAddressPerMinute, long globalPerMinute, TimeMeter time) {
        this.perAddress = new IpRateLimiter(perAddressPerMinute, time);
        this.global = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(globalPerMinute)
                        .refillGreedy(globalPerMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** The address's budget is spent first, so one noisy address cannot drain the global one. */
    public IpRateLimiter.Decision tryIssue(String address) {
        IpRateLimiter.Decision mine = perAddress.tryConsume(address);
        return mine.allowed() ? IpRateLimiter.decide(global) : mine;
    }
}
