package com.satrank.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Postgres: an external one when {@code url} is set, otherwise an embedded one under the data dir. */
public class DatabaseConfig {
    @NotNull
    @Pattern(regexp = "^$|^jdbc:postgresql://.+", message = "must be empty (embedded) or a jdbc:postgresql:// URL")
    @JsonProperty
    private String url = "";

    @NotNull
    @JsonProperty
    private String user = "satrank";

    @NotNull
    @JsonProperty
    private String password = "";

    @Min(2)
    @Max(200)
    @JsonProperty
    private int maxConnections = 16;

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public boolean embedded() {
        return url.isBlank();
    }
}
