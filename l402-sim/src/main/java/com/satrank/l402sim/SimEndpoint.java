package com.satrank.l402sim;

import java.util.List;

/**
 * One endpoint of the simulated economy, with its hidden truth. {@code kind} says what it is
 * (a paid L402 endpoint, or one of the things registries also list); the probabilities are per
 * request and conditional on the stage before succeeding, which is how SatRank's stage posteriors
 * are defined, so the end-to-end truth is their product with the payment probability lnd-sim holds.
 */
public record SimEndpoint(int id, int host, String path, String method, String category, String name,
                          String provider, long priceSats, Kind kind, String payee, Truth truth,
                          List<String> registries, String quoting) {

    /** What answers at the URL. */
    public enum Kind {
        L402, FREE, UNAUTHORIZED, X402, FOSSIL_404
    }

    /** How an invoice goes wrong when it does. */
    public enum InvoiceFault {
        EXPIRED, WRONG_NETWORK, AMOUNT_MISMATCH
    }

    /** How a paid request goes wrong when delivery fails. */
    public enum DeliveryFault {
        HTTP_5XX, EMPTY
    }

    /** How a delivered body goes wrong when quality fails. */
    public enum BodyFault {
        ERROR_JSON, PLACEHOLDER
    }

    /**
     * Hidden per-request probabilities: a parseable challenge, a valid invoice, the payee answering
     * with the true preimage, a 2xx non-empty delivery, a useful body; the median latency in ms.
     */
    public record Truth(double challenge, InvoiceFault invoiceFault, double invoice, boolean honestPreimage,
                        double delivery, DeliveryFault deliveryFault, double quality, BodyFault bodyFault,
                        int medianLatencyMs) {
    }
}
