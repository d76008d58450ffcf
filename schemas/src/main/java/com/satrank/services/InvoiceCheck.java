package com.satrank.services;

import com.satrank.bolt11.Bolt11;
import com.satrank.bolt11.Bolt11Invoice;
import java.util.Optional;

/**
 * Stage 2: is the challenge's invoice one an agent can pay for what was advertised? Checks in the
 * reference's order, first failure wins: it decodes (signature included), is for our network, names
 * a payee, will not expire within a minute, and asks 0.5–1.5× the advertised price when one is known.
 */
public final class InvoiceCheck {
    /** Seconds an invoice must still be valid for. */
    static final long MIN_REMAINING_SECONDS = 60;

    /** The verdict, and the invoice when it decoded. */
    public record Result(String outcome, Optional<Bolt11Invoice> invoice) {
        public boolean valid() {
            return outcome.equals("valid");
        }
    }

    private final String currency;

    /** {@code currency}: the BOLT 11 prefix of our network ("bc" mainnet, "tb" testnet, "sb" simnet...). */
    public InvoiceCheck(String currency) {
        this.currency = currency;
    }

    public Result check(String bolt11, long advertisedPriceSats, long nowSeconds) {
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11.decode(bolt11);
        } catch (RuntimeException e) { // Bolt11Exception included
            return new Result("decode_failed", Optional.empty());
        }
        Optional<Bolt11Invoice> decoded = Optional.of(invoice);
        if (!currency.equals(invoice.currency())) {
            return new Result("wrong_network", decoded);
        }
        if (invoice.payee() == null || invoice.payee().length != 33) {
            return new Result("no_payee", decoded);
        }
        if (invoice.timestamp() + invoice.expirySeconds() < nowSeconds + MIN_REMAINING_SECONDS) {
            return new Result("expired", decoded);
        }
        if (advertisedPriceSats > 0) {
            if (invoice.amountMsat() == null) {
                return new Result("amount_mismatch", decoded);
            }
            double ratio = invoice.amountMsat() / 1000.0 / advertisedPriceSats;
            if (ratio < 0.5 || ratio > 1.5) {
                return new Result("amount_mismatch", decoded);
            }
        }
        return new Result("valid", decoded);
    }
}
