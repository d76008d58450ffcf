package com.satrank.model;

import java.time.Duration;

/**
 * What an operator may change and replay with: the Beta prior pseudo-count on each side and the
 * time constant τ of the exponential decay of evidence. Whole days for τ, because the API reports
 * it as {@code time_constant_days}.
 */
public record ScoringParams(double prior, Duration timeConstant) {
    private static final Duration MIN_TAU = Duration.ofDays(1);
    private static final Duration MAX_TAU = Duration.ofDays(365);
    // After the bounds: static fields initialise in order and the constructor checks against them.
    public static final ScoringParams DEFAULT = new ScoringParams(1.5, Duration.ofDays(7));

    public ScoringParams {
        if (!(prior > 0 && prior <= 100)) {
            throw new IllegalArgumentException("prior must be in (0, 100], was " + prior);
        }
        if (timeConstant.compareTo(MIN_TAU) < 0 || timeConstant.compareTo(MAX_TAU) > 0
                || !timeConstant.equals(Duration.ofDays(timeConstant.toDays()))) {
            throw new IllegalArgumentException("time constant must be whole days from 1 to 365, was " + timeConstant);
        }
    }

    public double tauMs() {
        return timeConstant.toMillis();
    }

    public int timeConstantDays() {
        return (int) timeConstant.toDays();
    }

    /** Evidence older than ten time constants weighs less than 5e-5 of new evidence and is dropped. */
    public long evidenceHorizonMs() {
        return 10 * timeConstant.toMillis();
    }
}
