package com.satrank.ingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** Graph crawl cadence and keyframe policy (DESIGN §3–4). */
public class IngestConfig {
    @NotNull
    @JsonProperty
    private Duration crawlInterval = Duration.minutes(15);

    @NotNull
    @JsonProperty
    private Duration keyframeEvery = Duration.hours(24);

    public java.time.Duration crawlInterval() {
        return java.time.Duration.ofMillis(crawlInterval.toMilliseconds());
    }

    public java.time.Duration keyframeEvery() {
        return java.time.Duration.ofMillis(keyframeEvery.toMilliseconds());
    }

    public void overrideCrawlInterval(java.time.Duration interval) {
        this.crawlInterval = Duration.milliseconds(interval.toMillis());
    }
}
