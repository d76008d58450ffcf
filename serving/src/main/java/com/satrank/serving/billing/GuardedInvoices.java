package com.satrank.serving.billing;

import com.satrank.lndclient.InvoiceClient;
import com.satrank.serving.api.ApiException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;

/**
 * Invoices behind a circuit breaker (resilience4j): when LND keeps failing or answering slower than
 * the invoice deadline, challenges and deposits answer 503 at once for a while instead of each
 * holding a request thread until the deadline; a few trial calls then decide whether LND is back.
 */
public final class GuardedInvoices implements InvoiceIssuer {
    private final InvoiceIssuer lnd;
    private final CircuitBreaker breaker;

    public GuardedInvoices(InvoiceIssuer lnd, Duration deadline, Duration openFor) {
        this.lnd = lnd;
        this.breaker = CircuitBreaker.of("lnd-invoices", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(deadline)
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // a 503 from the wrapped issuer is LND failing; any other exception is a bug of ours
                .recordException(e -> e instanceof ApiException api && api.status() == 503)
                .build());
    }

    @Override
    public InvoiceClient.IssuedInvoice issue(long amountSats, String memo) {
        try {
            return breaker.executeSupplier(() -> lnd.issue(amountSats, memo));
        } catch (CallNotPermittedException e) {
            throw ApiException.unavailable("LND invoices are failing; no invoice is issued for a while, retry shortly");
        }
    }

    /** 0 closed, 1 open, 2 half-open (for the metrics). */
    public int state() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
