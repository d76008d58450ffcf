package com.satrank.ingest.probe;

import java.time.Duration;

/**
 * How hard the prober works: at most {@code targetsPerCycle} targets a cycle, none re-probed within
 * {@code minInterval}, {@code concurrency} targets in flight, a cycle cut off after
 * {@code cycleTimeBudget}. Probes never settle, so they cost no fees; time is the budget.
 */
public record ProbeSettings(int targetsPerCycle, Duration minInterval, int concurrency, Duration cycleTimeBudget) {
    public ProbeSettings {
        if (targetsPerCycle < 1 || concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("targetsPerCycle ≥ 1 and concurrency in 1..64");
        }
    }
}
