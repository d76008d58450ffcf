package com.satrank.serving.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Protection of the free routes (requests per minute per address, 0: off), of challenge issuance
 * (per address and overall) and the request body cap.
 */
public class LimitsConfig {
    @Min(0)
    @Max(1_000_000)
    @JsonProperty
    private int freeRequestsPerMinute = 600;

    @Min(1024)
    @Max(16 * 1024 * 1024)
    @JsonProperty
    private int maxBodyBytes = 64 * 1024;

    /** L402 challenges and deposit invoices (each an AddInvoice on our node) per address. */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int challengesPerMinutePerAddress = 30;

    /** The same, for all addresses together. */
    @Min(1)
    @Max(10_000_000)
    @JsonProperty
    private int challengesPerMinute = 600;

    public int challengesPerMinutePerAddress() {
        return challengesPerMinutePerAddress;
    }

    public int challengesPerMinute() {
        return challengesPerMinute;
    }

    public int freeRequestsPerMinute() {
        return freeRequestsPerMinute;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }
}
