package com.satrank.app.calibration;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Event time for a calibration run: it moves only when the run advances it, an hour a probe round. */
final class SimulatedHours implements InstantSource {
    private volatile Instant now;

    SimulatedHours(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration by) {
        now = now.plus(by);
    }
}
