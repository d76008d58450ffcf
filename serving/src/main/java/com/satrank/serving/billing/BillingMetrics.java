package com.satrank.serving.billing;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.util.Locale;

/**
 * L402 in Dropwizard metrics (exported as Prometheus): challenges issued, tokens redeemed (first use
 * of a paid macaroon, deposit redemptions), paid requests debited, rejections per reason (one meter
 * each, since the exporter has no labels), and revenue in sats as tokens come into use.
 */
public final class BillingMetrics {
    private final MetricRegistry registry;
    private final Meter challenges;
    private final Meter redemptions;
    private final Meter debits;
    private final Counter revenueSats;

    public BillingMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.challenges = registry.meter("satrank_l402_challenges");
        this.redemptions = registry.meter("satrank_l402_redemptions");
        this.debits = registry.meter("satrank_l402_debits");
        this.revenueSats = registry.counter("satrank_l402_revenue_sats");
    }

    void challenge() {
        challenges.mark();
    }

    void redeemed(long sats) {
        redemptions.mark();
        revenueSats.inc(sats);
    }

    void debit() {
        debits.mark();
    }

    void rejected(String code) {
        registry.meter("satrank_l402_rejected_" + code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")).mark();
    }
}
