package com.satrank.serving.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IpRateLimiterTest {
    @Test
    void each_address_gets_its_own_minute_budget_and_a_retry_after() {
        AtomicLong nanos = new AtomicLong();
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        IpRateLimiter limiter = new IpRateLimiter(3, time);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume("10.0.0.1").allowed()).isTrue();
        }
        IpRateLimiter.Decision refused = limiter.tryConsume("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20); // one request refills in 60 s / 3
        assertThat(limiter.tryConsume("10.0.0.2").allowed()).as("another address").isTrue();
        nanos.addAndGet(20_000_000_000L);
        assertThat(limiter.tryConsume("10.0.0.1").allowed()).isTrue();
        assertThat(limiter.tryConsume("10.0.0.1").allowed()).isFalse();
    }

    @Test
    void a_flood_of_new_addresses_never_resets_a_limited_one() {
        IpRateLimiter limiter = new IpRateLimiter(2, TimeMeter.SYSTEM_NANOTIME, 1_000);
        assertThat(limiter.tryConsume("victim-attacker").allowed()).isTrue();
        assertThat(limiter.tryConsume("victim-attacker").allowed()).isTrue();
        assertThat(limiter.tryConsume("victim-attacker").allowed()).isFalse();
        for (int i = 0; i < 5_000; i++) {
            limiter.tryConsume("10.1." + (i / 256) + "." + (i % 256));
            if (i % 100 == 0) {
                assertThat(limiter.tryConsume("victim-attacker").allowed()).as("still limited after %d others", i).isFalse();
            }
        }
        assertThat(limiter.tracked()).as("state stays bounded").isLessThanOrEqualTo(1_000);
    }
}
