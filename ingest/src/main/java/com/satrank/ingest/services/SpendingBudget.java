package com.satrank.ingest.services;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The paid probes' three budgets: per probe, per cycle, and over any 24 hours of event time.
 * A probe reserves its worst case (price plus fee limit) before paying and settles to what it
 * actually spent afterwards, so concurrent probes can never together pass a budget: the check and
 * the reservation happen under one lock. Spends already in the endpoints log are loaded at start.
 */
public final class SpendingBudget {
    private static final long DAY_MS = 86_400_000L;

    /** What a reservation holds until settled. */
    public static final class Reservation {
        private final long sats;
        private boolean open = true;

        private Reservation(long sats) {
            this.sats = sats;
        }
    }

    /** Which budget refused. */
    public enum Refusal {
        PER_PROBE, PER_CYCLE, PER_DAY
    }

    private final long perProbe;
    private final long perCycle;
    private final long perDay;
    private final InstantSource clock;
    private final Deque<long[]> spends = new ArrayDeque<>(); // {eventTimeMs, sats}, oldest first
    private long spentInWindow;
    private long reserved;
    private long cycleUsed;

    public SpendingBudget(long perProbe, long perCycle, long perDay, InstantSource clock) {
        this.perProbe = perProbe;
        this.perCycle = perCycle;
        this.perDay = perDay;
        this.clock = clock;
    }

    /** A spend read from the log (at start) or just made. */
    public synchronized void recordSpent(long atMs, long sats) {
        spends.addLast(new long[] {atMs, sats});
        spentInWindow += sats;
    }

    /** Starts a new cycle: the per-cycle budget is whole again. */
    public synchronized void newCycle() {
        cycleUsed = 0;
    }

    /** Reserves {@code sats}, or says which budget it would pass. */
    public synchronized java.util.Optional<Refusal> tryReserve(long sats, java.util.function.Consumer<Reservation> onReserved) {
        expire();
        if (sats > perProbe) {
            return java.util.Optional.of(Refusal.PER_PROBE);
        }
        if (cycleUsed + sats > perCycle) {
            return java.util.Optional.of(Refusal.PER_CYCLE);
        }
        if (spentInWindow + reserved + sats > perDay) {
            return java.util.Optional.of(Refusal.PER_DAY);
        }
        reserved += sats;
        cycleUsed += sats;
        onReserved.accept(new Reservation(sats));
        return java.util.Optional.empty();
    }

    /** Ends a reservation having spent {@code spentSats} (≤ what was reserved; 0 when nothing left). */
    public synchronized void settle(Reservation reservation, long spentSats) {
        if (!reservation.open) {
            return;
        }
        reservation.open = false;
        reserved -= reservation.sats;
        if (spentSats > 0) {
            recordSpent(clock.millis(), spentSats);
        }
        cycleUsed -= reservation.sats - Math.min(spentSats, reservation.sats);
    }

    /** Spent over the last 24 h, reservations included. */
    public synchronized long committedLastDay() {
        expire();
        return spentInWindow + reserved;
    }

    private void expire() {
        long from = clock.millis() - DAY_MS;
        while (!spends.isEmpty() && spends.peekFirst()[0] <= from) {
            spentInWindow -= spends.removeFirst()[1];
        }
    }
}
