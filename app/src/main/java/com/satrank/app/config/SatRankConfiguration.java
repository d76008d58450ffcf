package com.satrank.app.config;

import com.satrank.db.DatabaseConfig;
import com.satrank.ingest.config.IngestConfig;
import com.satrank.ingest.config.ProbeConfig;
import com.satrank.lndclient.LndConfig;
import com.satrank.lndsim.SimConfig;
import com.satrank.pipeline.config.ScoringConfig;
import com.satrank.serving.config.L402Config;
import com.satrank.serving.config.LimitsConfig;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Typed, validated configuration of every SatRank process; see the README for each key. */
public class SatRankConfiguration extends Configuration {
    @NotBlank
    @JsonProperty
    private String dataDir = "data";

    @NotNull
    @JsonProperty
    private String apiKey = "";

    @Valid
    @NotNull
    @JsonProperty
    private DatabaseConfig database = new DatabaseConfig();

    @Valid
    @NotNull
    @JsonProperty
    private LndConfig lnd = new LndConfig();

    @Valid
    @NotNull
    @JsonProperty
    private IngestConfig ingest = new IngestConfig();

    @Valid
    @NotNull
    @JsonProperty
    private SimConfig sim = new SimConfig();

    @Valid
    @NotNull
    @JsonProperty
    private ProbeConfig probe = new ProbeConfig();

    @Valid
    @NotNull
    @JsonProperty
    private L402Config l402 = new L402Config();

    @Valid
    @NotNull
    @JsonProperty
    private LimitsConfig limits = new LimitsConfig();

    @Valid
    @NotNull
    @JsonProperty
    private ScoringConfig scoring = new ScoringConfig();

    @Valid
    @NotNull
    @JsonProperty
    private com.satrank.ingest.config.ServicesConfig services = new com.satrank.ingest.config.ServicesConfig();

    @Valid
    @NotNull
    @JsonProperty
    private com.satrank.nostr.config.NostrConfig nostr = new com.satrank.nostr.config.NostrConfig();

    @JsonIgnore
    private ProcessMode mode = ProcessMode.SERVER;

    public String dataDir() {
        return dataDir;
    }

    public String apiKey() {
        return apiKey;
    }

    public DatabaseConfig database() {
        return database;
    }

    public LndConfig lnd() {
        return lnd;
    }

    public IngestConfig ingest() {
        return ingest;
    }

    public com.satrank.ingest.config.ServicesConfig services() {
        return services;
    }

    public com.satrank.nostr.config.NostrConfig nostr() {
        return nostr;
    }

    public SimConfig sim() {
        return sim;
    }

    public ProbeConfig probe() {
        return probe;
    }

    public L402Config l402() {
        return l402;
    }

    public LimitsConfig limits() {
        return limits;
    }

    public ScoringConfig scoring() {
        return scoring;
    }

    public ProcessMode mode() {
        return mode;
    }

    /** The demo's well-known key, printed in its banner; never used outside the demo command. */
    public static final String DEMO_API_KEY = "demo-api-key-not-for-production";

    public void useDemoApiKey() {
        this.apiKey = DEMO_API_KEY;
    }

    public void setMode(ProcessMode mode) {
        this.mode = mode;
    }
}
