package com.satrank.serving;

import com.satrank.serving.billing.BillingMetrics;
import com.satrank.metrics.Metrics;
import com.satrank.serving.billing.Challenges;
import com.satrank.serving.billing.GuardedInvoices;
import com.satrank.serving.config.LimitsConfig;
import com.satrank.serving.limits.ChallengeLimits;
import io.github.bucket4j.TimeMeter;
import com.satrank.serving.billing.InvoiceIssuer;
import com.satrank.serving.billing.L402Gate;
import com.satrank.serving.billing.Prices;
import com.satrank.serving.billing.TokenReporters;

import com.satrank.model.Sat;

import com.satrank.decision.IntentDecision;
import com.satrank.lndclient.InvoiceClient;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.LndUnavailableException;
import com.satrank.lndclient.PathfindingClient;
import com.satrank.l402.L402Tokens;
import com.satrank.serving.api.ApiException;
import com.satrank.services.catalog.EndpointProbes;
import com.satrank.serving.api.QueryRecorder;
import com.satrank.serving.api.ApiKey;
import com.satrank.serving.config.L402Config;
import com.satrank.serving.config.SecretsCheck;
import com.satrank.serving.resources.DepositResource;
import com.satrank.serving.resources.PaidResource;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires L402: the secrets check, the invoice and pathfinding clients, the gate and the paid routes;
 * returns who may report by token.
 */
final class Billing {
    private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

    /** How long challenges answer 503 at once after LND's invoices kept failing. */
    private static final java.time.Duration BREAKER_OPEN_FOR = java.time.Duration.ofSeconds(15);

    private Billing() {
    }

    /**
     * @param lnd             LND (readonly macaroon) for pathfinding, or null
     * @param invoiceMacaroon the invoice macaroon for challenges and deposits, or null (paid routes answer 503)
     */
    static TokenReporters register(L402Config l402, LimitsConfig limits, String apiKey, Environment env, Metrics telemetry,
                                   Jdbi jdbi,
                                   InstantSource clock, LndEndpoint lnd, Path invoiceMacaroon,
                                   QueryRecorder recorder, EndpointProbes probes, Consumer<AutoCloseable> own) {
        if (l402.production()) {
            List<String> problems = SecretsCheck.problems(l402.macaroonSecret(), apiKey, l402.operatorToken());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("refusing to start in production: " + String.join("; ", problems));
            }
        }
        String secret = l402.macaroonSecret();
        if (secret.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
            LOG.warn("L402_MACAROON_SECRET not set: using a random one; macaroons issued now die with this process");
        }
        L402Tokens tokens = new L402Tokens(SecretsCheck.secretBytes(secret), "satrank", "satrank");
        LndStatus status = new LndStatus(telemetry);
        GuardedInvoices issuer = new GuardedInvoices(issuer(lnd, invoiceMacaroon, l402, status, own),
                l402.invoiceDeadline(), BREAKER_OPEN_FOR);
        telemetry.gauge("satrank_lnd_invoice_breaker_state",
                "LND invoice circuit breaker: 0 closed, 1 open (challenges answer 503), 2 half-open", issuer::state);
        ChallengeLimits issuance = new ChallengeLimits(limits.challengesPerMinutePerAddress(),
                limits.challengesPerMinute(), TimeMeter.SYSTEM_NANOTIME);
        BillingMetrics metrics = new BillingMetrics(telemetry);
        Challenges challenges = new Challenges(issuer, tokens, l402.tokenLifetime(), l402.invoiceExpiry(), metrics, clock);
        Prices prices = Prices.of(l402.profilePriceSats(), l402.verdictsPriceSats(), l402.intentPriceSats(),
                l402.freshIntentPriceSats(), l402.probePriceSats());
        env.jersey().register(new L402Gate(jdbi, tokens, ApiKey.of(l402.operatorToken()), prices, challenges, issuance,
                metrics, clock));
        env.jersey().register(new DepositResource(jdbi, issuer, issuance, metrics, l402.invoiceExpiry().toSeconds()));
        PaidResource.Pathfinding routes = pathfinding(lnd, status, own);
        env.jersey().register(new PaidResource(jdbi, routes, recorder, probes, l402.freshIntentPriceSats(),
                l402.probePriceSats(), clock));
        env.jersey().register(new com.satrank.serving.resources.PingResource(jdbi, routes, clock));
        return new TokenReporters(jdbi, tokens, clock);
    }

    private static InvoiceIssuer issuer(LndEndpoint lnd, Path invoiceMacaroon, L402Config l402, LndStatus status,
                                        Consumer<AutoCloseable> own) {
        if (lnd == null || invoiceMacaroon == null) {
            LOG.warn("no LND invoice macaroon configured: paid routes and deposits answer 503");
            return (sats, memo) -> {
                throw ApiException.unavailable("L402 invoices are unavailable: no LND invoice macaroon is configured");
            };
        }
        // invoices get their own short deadline: a request thread waits for AddInvoice
        LndEndpoint invoices = new LndEndpoint(lnd.host(), lnd.port(), lnd.tlsCertPath(), lnd.macaroonPath(),
                l402.invoiceDeadline());
        InvoiceClient client = new InvoiceClient(invoices, invoiceMacaroon, status);
        own.accept(client::close);
        long expirySeconds = l402.invoiceExpiry().toSeconds();
        return (sats, memo) -> {
            try {
                return client.addInvoice(new Sat(sats), memo, expirySeconds);
            } catch (LndUnavailableException e) {
                throw ApiException.unavailable("LND is unreachable, no invoice can be issued now; retry shortly");
            }
        };
    }

    private static PaidResource.Pathfinding pathfinding(LndEndpoint lnd, LndStatus status,
                                                        Consumer<AutoCloseable> own) {
        if (lnd == null) {
            return null;
        }
        PathfindingClient client = new PathfindingClient(lnd, status);
        own.accept(client::close);
        return (caller, target, amount) -> {
            try {
                return Optional.of(client.route(caller, target, amount)
                        .map(r -> new IntentDecision.Path(true, r.hops(), r.fee().value()))
                        .orElse(new IntentDecision.Path(false, 0, 0)));
            } catch (LndUnavailableException e) {
                return Optional.empty();
            }
        };
    }
}
