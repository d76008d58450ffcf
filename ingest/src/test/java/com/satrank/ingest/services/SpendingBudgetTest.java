package com.satrank.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpendingBudgetTest {
    @Test
    void concurrent_reservations_never_pass_the_daily_budget() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        SpendingBudget budget = new SpendingBudget(20, Long.MAX_VALUE / 4, 500, clock);
        AtomicLong spent = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    long want = 1 + ThreadLocalRandom.current().nextLong(20);
                    SpendingBudget.Reservation[] held = new SpendingBudget.Reservation[1];
                    Optional<SpendingBudget.Refusal> refused = budget.tryReserve(want, r -> held[0] = r);
                    if (refused.isEmpty()) {
                        long actual = ThreadLocalRandom.current().nextLong(want + 1);
                        budget.settle(held[0], actual);
                        spent.addAndGet(actual);
                        assertThat(budget.committedLastDay()).isLessThanOrEqualTo(500);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(spent.get()).isLessThanOrEqualTo(500).isGreaterThan(400);
        assertThat(budget.committedLastDay()).isEqualTo(spent.get());
        clock.advance(Duration.ofHours(24).plusMillis(1));
        assertThat(budget.committedLastDay()).isZero();
    }

    @Test
    void per_probe_and_per_cycle_budgets_refuse_with_their_name() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        SpendingBudget budget = new SpendingBudget(10, 15, 1000, clock);
        assertThat(budget.tryReserve(11, r -> { })).contains(SpendingBudget.Refusal.PER_PROBE);
        SpendingBudget.Reservation[] held = new SpendingBudget.Reservation[1];
        assertThat(budget.tryReserve(10, r -> held[0] = r)).isEmpty();
        assertThat(budget.tryReserve(6, r -> { })).contains(SpendingBudget.Refusal.PER_CYCLE);
        budget.settle(held[0], 4); // unspent part returns to the cycle
        assertThat(budget.tryReserve(10, r -> { })).isEmpty();
        budget.newCycle();
        budget.recordSpent(clock.millis(), 990);
        assertThat(budget.tryReserve(5, r -> { })).contains(SpendingBudget.Refusal.PER_DAY);
    }
}
