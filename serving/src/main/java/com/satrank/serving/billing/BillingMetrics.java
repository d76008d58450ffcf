package com.satrank.serving.billing;

import com.satrank.metrics.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.List;

/**
 * L402 in Prometheus metrics: challenges issued, tokens redeemed (first use of a paid macaroon, and
 * deposit redemptions) with the sats they brought, paid requests debited, and refusals by code.
 * Every series exists at 0 from the start.
 */
public final class BillingMetrics {
    /** The refusal codes the gate answers with. */
    static final List<String> REFUSALS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(com.satrank.l402.L402Rejection.values()).map(com.satrank.l402.L402Rejection::code),
            java.util.stream.Stream.of("TOKEN_UNKNOWN", "BALANCE_EXHAUSTED", "RATE_LIMITED")).distinct().toList();

    private final Counter challenges;
    private final Counter redemptions;
    private final Counter debits;
    private final Counter revenueSats;
    private final Counter rejected;

    public BillingMetrics(Metrics metrics) {
        this.challenges = metrics.counter("satrank_l402_challenges_total", "L402 challenges (invoices) issued");
        this.redemptions = metrics.counter("satrank_l402_redemptions_total",
                "Tokens that came into use: first use of a paid challenge, or a deposit redeemed", "kind");
        this.debits = metrics.counter("satrank_l402_debits_total", "Paid requests debited from a token");
        this.revenueSats = metrics.counter("satrank_l402_revenue_sats_total",
                "Sats of the tokens that came into use", "kind");
        this.rejected = metrics.counter("satrank_l402_rejected_total", "Paid-route requests refused, by code", "code");
        for (String kind : List.of("challenge", "deposit")) {
            redemptions.labelValues(kind);
            revenueSats.labelValues(kind);
        }
        REFUSALS.forEach(code -> rejected.labelValues(code));
    }

    void challenge() {
        challenges.inc();
    }

    /** A paid challenge's token used for the first time. */
    void redeemed(long sats) {
        redemptions.labelValues("challenge").inc();
        revenueSats.labelValues("challenge").inc(sats);
    }

    /** A deposit invoice paid and redeemed for credits. */
    public void depositRedeemed(long sats) {
        redemptions.labelValues("deposit").inc();
        revenueSats.labelValues("deposit").inc(sats);
    }

    void debit() {
        debits.inc();
    }

    void rejected(String code) {
        rejected.labelValues(code).inc();
    }
}
