package com.satrank.pipeline.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.satrank.model.ScoringParams;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The scoring parameters the pipeline uses, and a replay uses unless told otherwise: the Beta prior
 * pseudo-count and the decay time constant in days (docs/scoring.md).
 */
public class ScoringConfig {
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("100")
    @JsonProperty
    private double prior = ScoringParams.DEFAULT.prior();

    @Min(1)
    @Max(365)
    @JsonProperty
    private int timeConstantDays = ScoringParams.DEFAULT.timeConstantDays();

    public ScoringParams params() {
        return new ScoringParams(prior, java.time.Duration.ofDays(timeConstantDays));
    }
}
