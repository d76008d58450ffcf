package com.satrank.serving.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.lndclient.InvoiceClient;
import com.satrank.serving.api.ApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedInvoicesTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final InvoiceIssuer lnd = (sats, memo) -> {
        calls.incrementAndGet();
        if (down.get()) {
            throw ApiException.unavailable("LND is unreachable");
        }
        return new InvoiceClient.IssuedInvoice("lnbc1", new byte[32]);
    };

    @Test
    void a_failing_lnd_opens_the_breaker_and_later_calls_answer_503_without_asking_it() throws Exception {
        GuardedInvoices invoices = new GuardedInvoices(lnd, Duration.ofSeconds(1), Duration.ofMillis(300));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> invoices.issue(1, "x")).isInstanceOf(ApiException.class)
                    .hasMessageContaining("unreachable");
        }
        assertThat(invoices.state()).as("open").isEqualTo(1);
        int asked = calls.get();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> invoices.issue(1, "x"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessageContaining("failing");
        }
        assertThat(calls.get()).as("LND not asked while open").isEqualTo(asked);

        down.set(false);
        Thread.sleep(400);
        assertThat(invoices.issue(1, "x").bolt11()).isEqualTo("lnbc1");
        assertThat(invoices.issue(1, "x").bolt11()).isEqualTo("lnbc1");
        assertThat(invoices.state()).as("closed again after the trial calls").isZero();
    }

    @Test
    void other_failures_are_not_counted_as_lnd_failing() {
        GuardedInvoices invoices = new GuardedInvoices((sats, memo) -> {
            throw ApiException.validation("bad amount");
        }, Duration.ofSeconds(1), Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> invoices.issue(1, "x")).hasMessageContaining("bad amount");
        }
        assertThat(invoices.state()).isZero();
    }
}
