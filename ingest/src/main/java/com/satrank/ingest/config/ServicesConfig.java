package com.satrank.ingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * L402 service discovery (config key {@code services}): which registries to crawl and how often,
 * the host caps, the free stage checks' tiers, and the paid probes' budgets. Defaults follow the
 * reference (original-scoring.md §1.4–1.6); the demo shortens the intervals.
 */
public class ServicesConfig {
    /** One registry to crawl: a 402index-style API or an l402.directory-style listing. */
    public static class Registry {
        @NotNull
        @Pattern(regexp = "402index|l402directory")
        @JsonProperty
        private String kind = "402index";

        @NotNull
        @JsonProperty
        private String url = "https://402index.io/api/v1/services";

        public Registry() {
        }

        public Registry(String kind, String url) {
            this.kind = kind;
            this.url = url;
        }

        public String kind() {
            return kind;
        }

        public String url() {
            return url;
        }
    }

    @JsonProperty
    private boolean enabled = false;

    @Valid
    @NotNull
    @JsonProperty
    private List<Registry> registries = new ArrayList<>(List.of(new Registry("402index", "https://402index.io/api/v1/services"),
            new Registry("l402directory", "https://l402.directory/api/services")));

    /** Lets requests reach 127.0.0.0/8 and ::1 (the demo's local economy); production refuses to start with it. */
    @JsonProperty
    private boolean allowLoopback = false;

    @NotNull @JsonProperty private Duration registryInterval = Duration.hours(24);
    @NotNull @JsonProperty private Duration discoveryTimeout = Duration.seconds(5);
    @NotNull @JsonProperty private Duration hostGap = Duration.milliseconds(500);
    @Min(1) @JsonProperty private int hostCapTotal = 100;
    @Min(1) @JsonProperty private int hostCapPerCycle = 50;

    @NotNull @JsonProperty private Duration checkInterval = Duration.minutes(5);
    @NotNull @JsonProperty private Duration checkTimeout = Duration.seconds(3);
    @NotNull @JsonProperty private Duration checkGap = Duration.milliseconds(200);
    @NotNull @JsonProperty private Duration hotRecheck = Duration.hours(1);
    @NotNull @JsonProperty private Duration warmRecheck = Duration.hours(6);
    @NotNull @JsonProperty private Duration coldRecheck = Duration.hours(24);
    @Min(1) @JsonProperty private int maxChecksPerCycle = 500;

    @JsonProperty private boolean paidProbes = true;
    @NotNull @JsonProperty private Duration paidInterval = Duration.hours(6);
    @Min(1) @JsonProperty private long maxSatsPerProbe = 5;
    @Min(1) @JsonProperty private long cycleBudgetSats = 50;
    @Min(1) @JsonProperty private long dailyBudgetSats = 1000;
    @Min(1) @JsonProperty private int maxPaidPerCycle = 10;
    @Min(1) @JsonProperty private int paidConcurrency = 2;
    @Min(0) @JsonProperty private long feeLimitSats = 10;
    @NotNull @JsonProperty private Duration paymentTimeout = Duration.seconds(20);
    @NotNull @JsonProperty private Duration deliveryTimeout = Duration.seconds(8);

    /** BOLT 11 prefix of our network: "bc" mainnet, "tb" testnet, "bcrt" regtest, "sb" simnet. */
    @NotNull
    @Pattern(regexp = "bc|tb|tbs|bcrt|sb")
    @JsonProperty
    private String invoiceNetwork = "bc";

    public boolean enabled() { return enabled; }
    public List<Registry> registries() { return List.copyOf(registries); }
    public boolean allowLoopback() { return allowLoopback; }
    public java.time.Duration registryInterval() { return of(registryInterval); }
    public java.time.Duration discoveryTimeout() { return of(discoveryTimeout); }
    public java.time.Duration hostGap() { return of(hostGap); }
    public int hostCapTotal() { return hostCapTotal; }
    public int hostCapPerCycle() { return hostCapPerCycle; }
    public java.time.Duration checkInterval() { return of(checkInterval); }
    public java.time.Duration checkTimeout() { return of(checkTimeout); }
    public java.time.Duration checkGap() { return of(checkGap); }
    public java.time.Duration hotRecheck() { return of(hotRecheck); }
    public java.time.Duration warmRecheck() { return of(warmRecheck); }
    public java.time.Duration coldRecheck() { return of(coldRecheck); }
    public int maxChecksPerCycle() { return maxChecksPerCycle; }
    public boolean paidProbes() { return paidProbes; }
    public java.time.Duration paidInterval() { return of(paidInterval); }
    public long maxSatsPerProbe() { return maxSatsPerProbe; }
    public long cycleBudgetSats() { return cycleBudgetSats; }
    public long dailyBudgetSats() { return dailyBudgetSats; }
    public int maxPaidPerCycle() { return maxPaidPerCycle; }
    public int paidConcurrency() { return paidConcurrency; }
    public long feeLimitSats() { return feeLimitSats; }
    public java.time.Duration paymentTimeout() { return of(paymentTimeout); }
    public java.time.Duration deliveryTimeout() { return of(deliveryTimeout); }
    public String invoiceNetwork() { return invoiceNetwork; }

    /** The demo's economy: its local registries, loopback allowed, minutes instead of hours, a bigger sim budget. */
    public void useDemoEconomy(List<Registry> local) {
        this.enabled = true;
        this.registries = new ArrayList<>(local);
        this.allowLoopback = true;
        this.invoiceNetwork = "sb";
        this.registryInterval = Duration.minutes(10);
        this.hostGap = Duration.milliseconds(0);
        this.checkInterval = Duration.seconds(20);
        this.checkGap = Duration.milliseconds(0);
        this.hotRecheck = Duration.seconds(30);
        this.warmRecheck = Duration.seconds(60);
        this.coldRecheck = Duration.seconds(60);
        this.hostCapTotal = 1000;
        this.hostCapPerCycle = 1000;
        this.paidInterval = Duration.seconds(30);
        this.maxSatsPerProbe = 100;
        this.cycleBudgetSats = 3000;
        this.dailyBudgetSats = 500_000;
        this.maxPaidPerCycle = 150;
        this.paidConcurrency = 4;
    }

    private static java.time.Duration of(Duration d) {
        return java.time.Duration.ofMillis(d.toMilliseconds());
    }
}
