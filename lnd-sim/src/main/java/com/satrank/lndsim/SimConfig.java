package com.satrank.lndsim;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The lnd-sim the demo embeds. */
public class SimConfig {
    @JsonProperty
    private long seed = 21;

    @Min(2)
    @Max(200_000)
    @JsonProperty
    private int nodes = 15_000;

    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int channels = 50_000;

    @Min(0)
    @Max(65535)
    @JsonProperty
    private int port = 10009;

    @NotNull
    @JsonProperty
    private String graphFile = "";

    /** Serve the graph file's own timestamps instead of shifting them to now. */
    @JsonProperty
    private boolean keepGraphTimestamps = false;

    /** Graph nodes keyed as merchants of the simulated L402 economy (payees of its endpoints). */
    @Min(0)
    @Max(10_000)
    @JsonProperty
    private int merchants = 40;

    /** The simulated L402 economy the demo serves and crawls (l402-sim); 0 endpoints: none. */
    @Min(0)
    @Max(100_000)
    @JsonProperty
    private int economyEndpoints = 300;

    @Min(1)
    @Max(64)
    @JsonProperty
    private int economyHosts = 6;

    /** First port of the economy's hosts (fixed, so its URLs survive a restart); 0 = free ports. */
    @Min(0)
    @Max(65_000)
    @JsonProperty
    private int economyPort = 18_400;

    public int economyPort() {
        return economyPort;
    }

    public int merchants() {
        return merchants;
    }

    public int economyEndpoints() {
        return economyEndpoints;
    }

    public int economyHosts() {
        return economyHosts;
    }

    public boolean keepGraphTimestamps() {
        return keepGraphTimestamps;
    }

    public long seed() {
        return seed;
    }

    public int nodes() {
        return nodes;
    }

    public int channels() {
        return channels;
    }

    public int port() {
        return port;
    }

    public String graphFile() {
        return graphFile;
    }
}
