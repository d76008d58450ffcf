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
