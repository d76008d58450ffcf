package com.satrank.ingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The prober: disabled unless a pay macaroon is configured (the demo's lnd-sim provides one). */
public class ProbeConfig {
    @NotNull
    @JsonProperty
    private String payMacaroonPath = "";

    @Min(1)
    @Max(100_000)
    @JsonProperty
    private int targetsPerCycle = 1000;

    @NotNull
    @JsonProperty
    private Duration minInterval = Duration.minutes(30);

    @Min(1)
    @Max(64)
    @JsonProperty
    private int concurrency = 4;

    @NotNull
    @JsonProperty
    private Duration cycleInterval = Duration.minutes(1);

    public String payMacaroonPath() {
        return payMacaroonPath;
    }

    public int targetsPerCycle() {
        return targetsPerCycle;
    }

    public java.time.Duration minInterval() {
        return java.time.Duration.ofMillis(minInterval.toMilliseconds());
    }

    public int concurrency() {
        return concurrency;
    }

    public java.time.Duration cycleInterval() {
        return java.time.Duration.ofMillis(cycleInterval.toMilliseconds());
    }
}
