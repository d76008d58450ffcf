package com.satrank.serving.billing;

import com.satrank.serving.api.Paid;
import com.satrank.serving.api.PaidRoute;
import com.satrank.serving.api.IntentForm;
import com.satrank.l402.L402Tokens;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.ApiKey;
import com.satrank.serving.limits.ChallengeLimits;
import com.satrank.serving.limits.FreeRouteLimits;
import com.satrank.serving.limits.IpRateLimiter;
import jakarta.annotation.Priority;
import com.satrank.serving.api.ClientAddress;
import com.satrank.serving.api.ErrorMappers;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.time.InstantSource;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Native L402 in front of every {@link Paid} method. In order: the operator token passes free; no
 * L402 credential gets a 402 challenge; {@code L402 deposit:<preimage>} must name a redeemed
 * deposit; a macaroon credential is verified with no LND call and registered on first use (the
 * amount it paid, once, however many first uses race); then the token must hold the route's price.
 * An exhausted token gets 402 BALANCE_EXHAUSTED with a fresh challenge.
 *
 * <p>A client pays for answers, not for refusals or failures: the price is debited on the way out,
 * in one conditional UPDATE, and only when the route answered 2xx. A 4xx (a bad parameter, a body
 * too large, an unknown node) or a 5xx costs nothing. If concurrent requests spent the credit while
 * this one was answered, the answer is not delivered (402 instead); if the database is gone at the
 * debit, neither is it (503). So a balance always equals what it bought minus the answers delivered.
 */
@Paid
@Priority(Priorities.AUTHENTICATION)
public final class L402Gate implements ContainerRequestFilter, ContainerResponseFilter {
    /** Request property: the payment hash (hex) the request was billed to. */
    public static final String TOKEN = "satrank.l402.token";
    private static final String PRICE = "satrank.l402.price";
    private static final String KIND = "satrank.l402.kind";
    private static final String BALANCE = "satrank.l402.balance";

    private final Jdbi jdbi;
    private final L402Tokens tokens;
    private final ApiKey operator;
    private final Prices prices;
    private final Challenges challenges;
    private final ChallengeLimits issuance;
    private final BillingMetrics metrics;
    private final InstantSource clock;

    @Context
    private ResourceInfo resource;

    public L402Gate(Jdbi jdbi, L402Tokens tokens, ApiKey operator, Prices prices, Challenges challenges,
                    ChallengeLimits issuance, BillingMetrics metrics, InstantSource clock) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.operator = operator;
        this.prices = prices;
        this.challenges = challenges;
        this.issuance = issuance;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (operator.matches(request.getHeaderString("X-Operator-Token"))) {
            return;
        }
        PaidRoute route = resource.getResourceMethod().getAnnotation(Paid.class).value();
        if (route == PaidRoute.INTENT) {
            route = IntentForm.route(request);
            if (route == null) {
                return;
            }
        }
        int price = prices.of(route);
        PresentedToken presented = PresentedToken.of(request.getHeaderString("Authorization"), tokens, clock.instant());
        switch (presented.status()) {
            case NONE -> {
                request.abortWith(challenge(price, request, "PAYMENT_REQUIRED",
                        "L402 payment required. Pay the invoice, then retry with Authorization: L402 <macaroon>:<preimage>."));
                return;
            }
            case REFUSED -> throw reject(presented.code(), presented.message());
            default -> {
                if ("challenge".equals(presented.kind()) && jdbi.withExtension(BillingDao.class,
                        dao -> dao.registerChallenge(presented.paymentHash(), presented.paidSats()))) {
                    metrics.redeemed(presented.paidSats());
                }
            }
        }
        String hash = presented.paymentHash();
        String kind = presented.kind();
        Optional<BillingDao.Balance> known = jdbi.withExtension(BillingDao.class, dao -> dao.balance(hash));
        if (known.isEmpty() || !known.get().kind().equals(kind) || known.get().balanceCredits() < price) {
            refuseUnpaid(request, known, kind, price);
            return;
        }
        request.setProperty(TOKEN, hash);
        request.setProperty(KIND, kind);
        request.setProperty(PRICE, price);
        request.setProperty(BALANCE, known.get());
    }

    private void refuseUnpaid(ContainerRequestContext request, Optional<BillingDao.Balance> known, String kind,
                              int price) {
        if (known.isEmpty() || !known.get().kind().equals(kind)) {
            // only a deposit can be unknown here: a verified macaroon was registered above
            // a 402 always says how to pay (WWW-Authenticate): here, a fresh per-request challenge
            metrics.rejected("TOKEN_UNKNOWN");
            var response = challenge(price, request, "TOKEN_UNKNOWN", "No deposit with that preimage. Call POST"
                    + " /api/deposit with { amount }, pay the invoice, then POST /api/deposit with { paymentHash,"
                    + " preimage }; or pay this route's invoice.");
            response.getHeaders().putSingle("X-SatRank-Balance", 0);
            request.abortWith(response);
            return;
        }
        metrics.rejected("BALANCE_EXHAUSTED");
        var response = challenge(price, request, "BALANCE_EXHAUSTED", "L402 token has "
                + known.get().balanceCredits() + " credit(s) left and this route costs " + price
                + ". Pay the new invoice, or drop the Authorization header for a fresh challenge.");
        response.getHeaders().putSingle("X-SatRank-Balance", known.get().balanceCredits());
        response.getHeaders().putSingle("X-SatRank-Balance-Max", known.get().maxCredits());
        request.abortWith(response);
    }

    /** A fresh challenge, unless this address or the server has had its share of invoices this minute. */
    private Response challenge(int price, ContainerRequestContext request, String code, String message) {
        IpRateLimiter.Decision allowed = issuance.tryIssue(ClientAddress.of(request));
        if (!allowed.allowed()) {
            metrics.rejected("RATE_LIMITED");
            return FreeRouteLimits.tooMany(allowed, request, "payment challenges");
        }
        return challenges.challenge(price, request, code, message);
    }

    private ApiException reject(String code, String message) {
        metrics.rejected(code);
        return new ApiException(401, code, message);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object hash = request.getProperty(TOKEN);
        if (!(hash instanceof String token)) {
            return;
        }
        BillingDao.Balance balance = (BillingDao.Balance) request.getProperty(BALANCE);
        if (response.getStatus() / 100 == 2) {
            int price = (Integer) request.getProperty(PRICE);
            String kind = (String) request.getProperty(KIND);
            Optional<BillingDao.Balance> after;
            try {
                after = jdbi.withExtension(BillingDao.class, dao -> dao.debit(token, kind, price));
            } catch (RuntimeException databaseGone) {
                // no charge, so no answer: the client retries
                replace(response, ErrorMappers.respond(503, "SERVICE_UNAVAILABLE",
                        "Database unavailable, nothing was charged; try again shortly", request));
                return;
            }
            if (after.isEmpty()) {
                // concurrent requests spent the credits while this one was answered: it is not delivered
                metrics.rejected("BALANCE_EXHAUSTED");
                Response refused = challenge(price, request, "BALANCE_EXHAUSTED", "L402 token has no credit left"
                        + " for this route (spent by concurrent requests). Pay the new invoice, or drop the"
                        + " Authorization header for a fresh challenge.");
                refused.getHeaders().putSingle("X-SatRank-Balance", 0);
                refused.getHeaders().putSingle("X-SatRank-Balance-Max", balance.maxCredits());
                replace(response, refused);
                return;
            }
            metrics.debit();
            balance = after.get();
        }
        response.getHeaders().putSingle("X-SatRank-Balance", balance.balanceCredits());
        response.getHeaders().putSingle("X-SatRank-Balance-Max", balance.maxCredits());
    }

    private static void replace(ContainerResponseContext response, Response with) {
        response.setStatus(with.getStatus());
        response.getHeaders().clear();
        with.getHeaders().forEach((name, values) -> response.getHeaders().put(name, new java.util.ArrayList<>(values)));
        response.setEntity(with.getEntity(), new java.lang.annotation.Annotation[0], MediaType.APPLICATION_JSON_TYPE);
    }
}
