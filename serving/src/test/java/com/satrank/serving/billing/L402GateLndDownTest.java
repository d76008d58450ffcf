package com.satrank.serving.billing;

import com.satrank.serving.api.Paid;
import com.satrank.serving.api.PaidRoute;
import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.l402.L402Tokens;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.ApiKey;
import com.satrank.serving.api.ErrorMappers;
import com.satrank.serving.api.RequestIdFilter;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import com.satrank.serving.limits.ChallengeLimits;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A challenge that cannot get an invoice (LND unreachable) is a 503 with the error envelope, never a
 * 500; past the issuance limit a client gets 429 without any invoice being asked for.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class L402GateLndDownTest {
    @Path("/paid")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class PaidThing {
        @GET
        @Paid(PaidRoute.PROFILE)
        public String get() {
            return "{}";
        }
    }

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final InvoiceIssuer LND_DOWN = (sats, memo) -> {
        CALLS.incrementAndGet();
        throw ApiException.unavailable("LND is unreachable, no invoice can be issued now; retry shortly");
    };
    private static final BillingMetrics METRICS = new BillingMetrics(com.satrank.metrics.Metrics.detached());
    private static final L402Tokens TOKENS = new L402Tokens(new byte[32], "satrank", "test");
    private static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new PaidThing())
            .addProvider(new RequestIdFilter())
            .addProvider(new ErrorMappers.Api())
            .addProvider(new L402Gate(null, TOKENS, ApiKey.of("op"), Prices.of(1, 1, 2, 2, 5),
                    new Challenges(LND_DOWN, TOKENS, Duration.ofDays(1), Duration.ofMinutes(10), METRICS,
                            Clock.systemUTC()), new ChallengeLimits(3, 1000, TimeMeter.SYSTEM_NANOTIME), METRICS,
                    Clock.systemUTC()))
            .build();

    @Test
    void no_invoice_means_503_service_unavailable() {
        Response r = RESOURCES.target("/paid").request().get();
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.readEntity(String.class)).contains("SERVICE_UNAVAILABLE").contains("LND is unreachable");
    }

    @Test
    void past_the_issuance_limit_a_client_gets_429_and_lnd_is_not_asked() {
        int before = CALLS.get();
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            Response r = RESOURCES.target("/paid").request().get();
            if (r.getStatus() == 429) {
                limited++;
                assertThat(r.getHeaderString("Retry-After")).isNotBlank();
                assertThat(r.readEntity(String.class)).contains("RATE_LIMITED").contains("payment challenges");
            } else {
                assertThat(r.getStatus()).isEqualTo(503);
            }
        }
        assertThat(limited).as("3 per minute per address").isGreaterThanOrEqualTo(3);
        assertThat(CALLS.get() - before).isLessThanOrEqualTo(3);
    }
}
