package com.satrank.lndclient;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How to reach LND. Paths may be empty in demo mode, where the embedded lnd-sim fills them in. */
public class LndConfig {
    @NotNull
    @JsonProperty
    private String host = "localhost";

    @Min(1)
    @Max(65535)
    @JsonProperty
    private int port = 10009;

    @NotNull
    @JsonProperty
    private String tlsCertPath = "";

    @NotNull
    @JsonProperty
    private String readonlyMacaroonPath = "";

    @NotNull
    @JsonProperty
    private Duration deadline = Duration.seconds(60);

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String tlsCertPath() {
        return tlsCertPath;
    }

    public String readonlyMacaroonPath() {
        return readonlyMacaroonPath;
    }

    public java.time.Duration deadline() {
        return java.time.Duration.ofMillis(deadline.toMilliseconds());
    }

    public boolean configured() {
        return !tlsCertPath.isBlank() && !readonlyMacaroonPath.isBlank();
    }
}
