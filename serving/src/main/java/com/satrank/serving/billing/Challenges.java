package com.satrank.serving.billing;

import com.satrank.lndclient.InvoiceClient;
import com.satrank.l402.L402Tokens;
import com.satrank.serving.api.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * A 402 challenge: an invoice for the route's price from LND (through {@link InvoiceIssuer}) and a
 * macaroon for its payment hash, carrying the amount and an expiry; both in
 * {@code WWW-Authenticate} and in the JSON body. The token id is random, so two challenges for the
 * same price never share a root key.
 */
public final class Challenges {
    private final InvoiceIssuer invoices;
    private final L402Tokens tokens;
    private final Duration tokenLifetime;
    private final Duration invoiceExpiry;
    private final BillingMetrics metrics;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();

    public Challenges(InvoiceIssuer invoices, L402Tokens tokens, Duration tokenLifetime, Duration invoiceExpiry,
                      BillingMetrics metrics, InstantSource clock) {
        this.invoices = invoices;
        this.tokens = tokens;
        this.tokenLifetime = tokenLifetime;
        this.invoiceExpiry = invoiceExpiry;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What a client needs to pay and retry. */
    public record ChallengeData(String paymentHash, long priceSats, long expiresIn, String invoice, String macaroon) {
    }

    /** The 402 body: the error envelope plus the challenge. */
    public record ChallengeBody(ErrorBody.Error error, ChallengeData data, String requestId) {
    }

    Response challenge(long priceSats, ContainerRequestContext request, String code, String message) {
        InvoiceClient.IssuedInvoice invoice = invoices.issue(priceSats, "SatRank L402 " + request.getUriInfo().getPath());
        byte[] tokenId = new byte[32];
        random.nextBytes(tokenId);
        String macaroon = tokens.mint(invoice.paymentHash(), tokenId, priceSats * 1000,
                clock.instant().plus(tokenLifetime));
        metrics.challenge();
        ChallengeData data = new ChallengeData(HexFormat.of().formatHex(invoice.paymentHash()), priceSats,
                invoiceExpiry.toSeconds(), invoice.bolt11(), macaroon);
        return Response.status(402)
                .header("WWW-Authenticate", "L402 macaroon=\"" + macaroon + "\", invoice=\"" + invoice.bolt11() + "\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ChallengeBody(new ErrorBody.Error(code, message), data,
                        com.satrank.serving.api.RequestIdFilter.of(request)))
                .build();
    }

}
