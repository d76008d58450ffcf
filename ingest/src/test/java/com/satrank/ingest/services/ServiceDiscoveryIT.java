package com.satrank.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.EndpointProbed;
import com.satrank.events.v1.Event;
import com.satrank.l402sim.SimEndpoint;
import com.satrank.model.EndpointUrl;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crawler and the prober against a real simulated economy: real HTTP, real L402, real payments over gRPC. */
class ServiceDiscoveryIT {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void crawls_both_registries_discovers_real_challenges_and_delists_fossils(@TempDir Path dir) {
        try (Economy economy = new Economy(dir, new MutableClock(T0), 120, Map.of())) {
            economy.crawler.crawlOnce();
            long listedUrls = economy.sim.endpoints().size();
            assertThat(economy.catalogue.size()).isEqualTo(listedUrls);
            Set<String> l402 = economy.sim.endpoints().stream().filter(e -> e.kind() == SimEndpoint.Kind.L402)
                    .map(e -> EndpointUrl.of(economy.sim.url(e)).hash()).collect(Collectors.toSet());
            Set<String> discovered = economy.catalogue.probeable().stream().filter(ServiceCatalogue.Entry::discovered)
                    .map(e -> e.url().hash()).collect(Collectors.toSet());
            assertThat(l402).containsAll(discovered);
            assertThat(discovered.size()).as("most L402 endpoints answer a parseable challenge at discovery")
                    .isGreaterThan(l402.size() * 3 / 4);
            for (var entry : economy.catalogue.probeable().stream().filter(ServiceCatalogue.Entry::discovered).toList()) {
                SimEndpoint truth = economy.sim.endpointAt(entry.url().url()).orElseThrow();
                assertThat(entry.payee()).as("payee from the BOLT 11 signature").isEqualTo(truth.payee());
            }
            // non-L402 kinds land in their buckets, never as discovered
            var outcomes = Economy.events(economy.logs.services()).stream().filter(Event::hasServiceDiscovered)
                    .collect(Collectors.groupingBy(e -> e.getServiceDiscovered().getOutcome(), Collectors.counting()));
            if (economy.sim.endpoints().stream().anyMatch(e -> e.kind() == SimEndpoint.Kind.X402)) {
                assertThat(outcomes).containsKey("x402");
            }
            economy.crawler.crawlOnce();
            economy.crawler.crawlOnce();
            long fossils = economy.sim.endpoints().stream().filter(e -> e.kind() == SimEndpoint.Kind.FOSSIL_404).count();
            long delisted = Economy.events(economy.logs.services()).stream().filter(Event::hasServiceDelisted).count();
            assertThat(delisted).as("three 404s in a row delist").isEqualTo(fossils);
            long listedEvents = Economy.events(economy.logs.services()).stream().filter(Event::hasServiceListed).count();
            long inBothRegistries = economy.sim.endpoints().stream().filter(e -> e.registries().size() == 2).count();
            assertThat(listedEvents).as("unchanged listings are not appended again")
                    .isEqualTo(listedUrls + inBothRegistries);
        }
    }

    @Test
    void a_payee_answering_with_a_preimage_that_does_not_hash_to_the_invoice_is_a_payment_failure(@TempDir Path dir) {
        try (Economy economy = new Economy(dir, new MutableClock(T0), 300, Map.of())) {
            economy.crawler.crawlOnce();
            Set<String> liars = economy.sim.endpoints().stream().filter(e -> !e.truth().honestPreimage())
                    .map(e -> EndpointUrl.of(economy.sim.url(e)).hash()).collect(Collectors.toSet());
            assertThat(liars).isNotEmpty();
            for (int round = 0; round < 6; round++) {
                economy.prober.checkOnce(() -> false);
                economy.prober.paidOnce(() -> false);
                economy.clock.advance(Duration.ofDays(1));
            }
            var payments = Economy.events(economy.logs.endpoints()).stream().filter(Event::hasEndpointProbed)
                    .map(Event::getEndpointProbed).filter(p -> p.getStage() == EndpointProbed.Stage.PAYMENT).toList();
            var fromLiars = payments.stream().filter(p -> liars.contains(p.getUrlHash())).toList();
            assertThat(fromLiars).extracting(EndpointProbed::getSuccess).containsOnly(false);
            assertThat(fromLiars).extracting(EndpointProbed::getOutcome).contains("pay_preimage_mismatch");
            assertThat(payments).extracting(EndpointProbed::getOutcome).contains("pay_ok");
            // no delivery is ever attempted after a mismatch
            Set<String> mismatched = fromLiars.stream().filter(p -> p.getOutcome().equals("pay_preimage_mismatch"))
                    .map(EndpointProbed::getProbeId).collect(Collectors.toSet());
            assertThat(Economy.events(economy.logs.endpoints()).stream().filter(Event::hasEndpointProbed)
                    .map(Event::getEndpointProbed).filter(p -> p.getStage() == EndpointProbed.Stage.DELIVERY)
                    .map(EndpointProbed::getProbeId)).doesNotContainAnyElementsOf(mismatched);
        }
    }

    @Test
    void the_24h_budget_is_never_exceeded_by_concurrent_paid_probes(@TempDir Path dir) {
        long daily = 150;
        try (Economy economy = new Economy(dir, new MutableClock(T0), 200,
                Map.of("dailyBudgetSats", daily, "paidConcurrency", 8, "feeLimitSats", 3))) {
            economy.crawler.crawlOnce();
            economy.prober.checkOnce(() -> false);
            for (int cycle = 0; cycle < 3; cycle++) {
                economy.prober.paidOnce(() -> false);
                economy.clock.advance(Duration.ofHours(6));
            }
            long spent = Economy.events(economy.logs.endpoints()).stream().filter(Event::hasEndpointPaymentSpent)
                    .map(Event::getEndpointPaymentSpent).mapToLong(s -> s.getAmountSats() + (s.getFeeMsat() + 999) / 1000)
                    .sum();
            assertThat(spent).isPositive().isLessThanOrEqualTo(daily);
            assertThat(economy.budget.committedLastDay()).isEqualTo(spent);
            // a day later the window has room again, and it is filled no further than the budget
            economy.clock.advance(Duration.ofHours(25));
            economy.prober.checkOnce(() -> false);
            economy.prober.paidOnce(() -> false);
            assertThat(economy.budget.committedLastDay()).isPositive().isLessThanOrEqualTo(daily);
        }
    }
}
