package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.satrank.lndclient.InvoiceClient;
import com.satrank.l402.DepositTiers;
import com.satrank.model.Sha256;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.billing.BillingDao;
import com.satrank.serving.billing.BillingMetrics;
import com.satrank.serving.billing.InvoiceIssuer;
import com.satrank.serving.limits.ChallengeLimits;
import com.satrank.serving.limits.FreeRouteLimits;
import com.satrank.serving.limits.IpRateLimiter;
import com.satrank.serving.api.ClientAddress;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Prepaid deposits in two phases. Phase 1 ({@code amount}) issues an invoice and remembers it as a
 * deposit invoice; phase 2 ({@code paymentHash, preimage}) redeems it. Only invoices issued by
 * phase 1 are redeemable, and redemption needs no LND: nobody but the payer learns the preimage of
 * our own invoice. Redeeming twice answers the same token with {@code alreadyRedeemed}.
 */
@Path("/api/deposit")
@Produces(MediaType.APPLICATION_JSON)
public final class DepositResource {
    private static final String HEX64 = "[0-9a-f]{64}";
    private final Jdbi jdbi;
    private final InvoiceIssuer invoices;
    private final ChallengeLimits issuance;
    private final BillingMetrics metrics;
    private final long invoiceExpirySeconds;

    public DepositResource(Jdbi jdbi, InvoiceIssuer invoices, ChallengeLimits issuance, BillingMetrics metrics,
                           long invoiceExpirySeconds) {
        this.metrics = metrics;
        this.jdbi = jdbi;
        this.invoices = invoices;
        this.issuance = issuance;
        this.invoiceExpirySeconds = invoiceExpirySeconds;
    }

    record TierJson(int tierId, long minDepositSats, double rateSatsPerRequest, int discountPct,
                    long requestsPerDeposit) {
    }

    record Tiers(List<TierJson> tiers, String currency, String rateUnit, List<String> notes) {
    }

    @GET
    @Path("/tiers")
    @Timed(name = "satrank_http_deposit_tiers", absolute = true)
    public Envelope<Tiers> tiers() {
        return Envelope.of(new Tiers(DepositTiers.TIERS.stream().map(t -> new TierJson(t.tierId(), t.minDepositSats(),
                t.rateSatsPerRequest(), t.discountPct(), t.requestsPerDeposit())).toList(), "sats",
                "sats per request", List.of(
                        "The tier's rate is engraved on the token when it is redeemed.",
                        "Deposits below " + DepositTiers.MIN_SATS + " sats have no tier.",
                        "requestsPerDeposit is what the tier's minimum deposit buys at 1 credit per request.")));
    }

    /** Either phase's body; which fields are present decides the phase. */
    public record DepositRequest(Long amount, String paymentHash, String preimage) {
    }

    record Issued(String invoice, String paymentHash, long amount, long quotaGranted, int tierId,
                  double rateSatsPerRequest, int discountPct, long expiresIn, String instructions) {
    }

    record Redeemed(long balance, long balanceCredits, double rateSatsPerRequest, int tierId, String paymentHash,
                    boolean alreadyRedeemed, String token, String instructions) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed(name = "satrank_http_deposit", absolute = true)
    public Response deposit(DepositRequest body, @Context ContainerRequestContext request) {
        if (body == null) {
            throw ApiException.validation("Request must include either { amount } (phase 1) or { paymentHash, preimage } (phase 2)");
        }
        if (body.paymentHash() != null || body.preimage() != null) {
            return redeem(body.paymentHash(), body.preimage());
        }
        if (body.amount() == null) {
            throw ApiException.validation("Request must include either { amount } (phase 1) or { paymentHash, preimage } (phase 2)");
        }
        return issue(body.amount(), request);
    }

    private Response issue(long amount, ContainerRequestContext request) {
        if (amount < DepositTiers.MIN_SATS || amount > DepositTiers.MAX_SATS) {
            throw ApiException.validation("amount must be an integer between " + DepositTiers.MIN_SATS + " and "
                    + DepositTiers.MAX_SATS);
        }
        IpRateLimiter.Decision allowed = issuance.tryIssue(ClientAddress.of(request));
        if (!allowed.allowed()) {
            return FreeRouteLimits.tooMany(allowed, request, "invoices");
        }
        DepositTiers.Tier tier = DepositTiers.forAmount(amount).orElseThrow();
        long credits = DepositTiers.credits(amount, tier);
        InvoiceClient.IssuedInvoice invoice = invoices.issue(amount, "SatRank deposit: " + credits + " requests");
        String hash = HexFormat.of().formatHex(invoice.paymentHash());
        jdbi.useExtension(BillingDao.class, dao -> dao.insertDepositInvoice(
                new BillingDao.DepositInvoice(hash, amount, tier.tierId(), credits)));
        return Response.status(402)
                .header("WWW-Authenticate", "L402 invoice=\"" + invoice.bolt11() + "\"")
                .entity(Envelope.of(new Issued(invoice.bolt11(), hash, amount, credits, tier.tierId(),
                tier.rateSatsPerRequest(), tier.discountPct(), invoiceExpirySeconds,
                "Pay the invoice, then call POST /api/deposit with { paymentHash, preimage } to activate your balance."
                        + " Use Authorization: L402 deposit:<preimage> on paid endpoints."))).build();
    }

    private Response redeem(String paymentHash, String preimage) {
        String hash = lowerHex(paymentHash, "paymentHash");
        String pre = lowerHex(preimage, "preimage");
        if (!MessageDigest.isEqual(Sha256.of(HexFormat.of().parseHex(pre)), HexFormat.of().parseHex(hash))) {
            throw ApiException.validation("preimage does not match paymentHash (SHA256(preimage) != paymentHash)");
        }
        BillingDao.DepositInvoice invoice = jdbi.withExtension(BillingDao.class, dao -> dao.depositInvoice(hash))
                .orElseThrow(() -> ApiException.notFound("No deposit invoice with this payment hash was issued here;"
                        + " only invoices from POST /api/deposit { amount } can be redeemed"));
        boolean fresh = jdbi.withExtension(BillingDao.class,
                dao -> dao.redeemDeposit(hash, invoice.credits(), invoice.tierId()));
        if (fresh) {
            metrics.depositRedeemed(invoice.amountSats());
        }
        BillingDao.Balance balance = jdbi.withExtension(BillingDao.class, dao -> dao.balance(hash)).orElseThrow();
        DepositTiers.Tier tier = DepositTiers.forAmount(invoice.amountSats()).orElseThrow();
        return Response.status(fresh ? 201 : 200).entity(Envelope.of(new Redeemed(balance.balanceCredits(),
                balance.balanceCredits(), tier.rateSatsPerRequest(), tier.tierId(), hash, !fresh,
                "L402 deposit:" + pre, "Use the token value as your Authorization header on all paid endpoints."))).build();
    }

    record Status(String paymentHash, long balanceCredits, long maxCredits, String kind) {
    }

    @GET
    @Path("/{paymentHash}")
    @Timed(name = "satrank_http_deposit_status", absolute = true)
    public Envelope<Status> status(@PathParam("paymentHash") String paymentHash) {
        String hash = lowerHex(paymentHash, "paymentHash");
        return jdbi.withExtension(BillingDao.class, dao -> dao.balance(hash))
                .map(b -> Envelope.of(new Status(hash, b.balanceCredits(), b.maxCredits(), b.kind())))
                .orElseThrow(() -> ApiException.notFound("No token with this payment hash"));
    }

    private static String lowerHex(String value, String field) {
        if (value == null || !value.toLowerCase(Locale.ROOT).matches(HEX64)) {
            throw ApiException.validation(field + " must be 64 hex characters");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
