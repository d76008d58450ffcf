package com.satrank.serving.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Native L402 billing. An empty secret outside production makes the process mint a random one at
 * start (macaroons then die with the process); production refuses to start without strong secrets
 * (see {@code SecretsCheck}). Prices are in sats, one credit per sat.
 */
public class L402Config {
    @NotNull
    @JsonProperty
    private String macaroonSecret = "";

    @NotNull
    @JsonProperty
    private String operatorToken = "";

    @NotNull
    @JsonProperty
    private String invoiceMacaroonPath = "";

    @JsonProperty
    private boolean production = false;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int profilePriceSats = 1;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int verdictsPriceSats = 1;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int intentPriceSats = 2;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int freshIntentPriceSats = 2;

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int probePriceSats = 5;

    @NotNull
    @JsonProperty
    private Duration tokenLifetime = Duration.days(30);

    @NotNull
    @JsonProperty
    private Duration invoiceExpiry = Duration.minutes(10);

    /** How long a challenge or deposit waits for LND's AddInvoice before answering 503. */
    @NotNull
    @JsonProperty
    private Duration invoiceDeadline = Duration.seconds(5);

    public String macaroonSecret() {
        return macaroonSecret;
    }

    public String operatorToken() {
        return operatorToken;
    }

    public String invoiceMacaroonPath() {
        return invoiceMacaroonPath;
    }

    public boolean production() {
        return production;
    }

    public int profilePriceSats() {
        return profilePriceSats;
    }

    public int verdictsPriceSats() {
        return verdictsPriceSats;
    }

    public int intentPriceSats() {
        return intentPriceSats;
    }

    public int freshIntentPriceSats() {
        return freshIntentPriceSats;
    }

    public int probePriceSats() {
        return probePriceSats;
    }

    public java.time.Duration tokenLifetime() {
        return tokenLifetime.toJavaDuration();
    }

    public java.time.Duration invoiceExpiry() {
        return invoiceExpiry.toJavaDuration();
    }

    public java.time.Duration invoiceDeadline() {
        return invoiceDeadline.toJavaDuration();
    }

    /** The demo: a fresh secret and operator token each start, printed nowhere but the banner. */
    public void useDemoSecrets(String secretHex, String operator) {
        this.macaroonSecret = secretHex;
        this.operatorToken = operator;
    }
}
