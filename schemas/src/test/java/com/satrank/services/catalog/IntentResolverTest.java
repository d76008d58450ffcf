package com.satrank.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.model.Verdict;
import com.satrank.services.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentResolverTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final String PAYEE_A = "02" + "a".repeat(64);
    private static final String PAYEE_B = "03" + "b".repeat(64);

    /** An endpoint whose five stages all have {@code n} observations at success rate {@code p}. */
    static EndpointScore endpoint(String id, String host, String payee, double p, double n, long price) {
        List<StageScore> stages = new ArrayList<>();
        double e2e = 1;
        double lo = 1;
        double hi = 1;
        for (Stage s : Stage.values()) {
            double a = 1 + p * n;
            double b = 1 + (1 - p) * n;
            double half = 1.96 * Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
            double mean = a / (a + b);
            stages.add(new StageScore(s, a, b, mean, Math.max(0, mean - half), Math.min(1, mean + half), n, (long) n,
                    "ok", NOW - 60_000));
            e2e *= mean;
            lo *= Math.max(0, mean - half);
            hi *= Math.min(1, mean + half);
        }
        int meaningful = n >= 3 ? 5 : 0;
        return new EndpointScore(id.repeat(64).substring(0, 64), "https://" + host + "/" + id, "svc " + id,
                "weather data", "data", "prov", "GET", price, price, payee, List.of("402index"), false, 402, 100,
                NOW - 60_000, 20, 19, 0.95, 120, e2e, lo, hi, meaningful, stages, null);
    }

    private static IntentQuery query(int limit) {
        return IntentQuery.of("data", null, null, null, (long) limit, null, false);
    }

    @Test
    void well_measured_reliable_endpoints_are_safe_and_a_failing_stage_makes_risky() {
        assertThat(EndpointJudgement.of(endpoint("a", "h1", PAYEE_A, 0.99, 200, 3)).verdict()).isEqualTo(Verdict.SAFE);
        assertThat(EndpointJudgement.of(endpoint("b", "h1", PAYEE_A, 0.2, 50, 3)).verdict()).isEqualTo(Verdict.RISKY);
        assertThat(EndpointJudgement.of(endpoint("c", "h1", PAYEE_A, 0.99, 1, 3)).verdict())
                .as("never paid often enough").isEqualTo(Verdict.INSUFFICIENT);
    }

    @Test
    void strict_tier_returns_only_safe_and_risky_is_never_returned() {
        var pool = List.of(endpoint("a", "h1", PAYEE_A, 0.99, 200, 3), endpoint("b", "h2", PAYEE_B, 0.2, 50, 1),
                endpoint("c", "h3", null, 0.99, 1, 1));
        var strict = IntentResolver.resolve(query(5), pool, NOW);
        assertThat(strict.strictness()).isEqualTo(IntentResolver.Strictness.STRICT);
        assertThat(strict.candidates()).extracting(c -> c.endpoint().url()).containsExactly("https://h1/a");

        var relaxed = IntentResolver.resolve(query(5), pool.subList(1, 3), NOW);
        assertThat(relaxed.strictness()).isEqualTo(IntentResolver.Strictness.RELAXED);
        assertThat(relaxed.warnings()).containsExactly("FALLBACK_RELAXED");
        assertThat(relaxed.candidates()).extracting(c -> c.endpoint().url()).containsExactly("https://h3/c");

        var none = IntentResolver.resolve(query(5), pool.subList(1, 2), NOW);
        assertThat(none.strictness()).isEqualTo(IntentResolver.Strictness.DEGRADED);
        assertThat(none.candidates()).isEmpty();
        assertThat(none.warnings()).containsExactly("NO_CANDIDATES");
    }

    @Test
    void at_most_two_per_operator_and_per_host_until_the_overflow_must_refill() {
        List<EndpointScore> pool = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pool.add(endpoint("a" + i, "same-host", PAYEE_A, 0.999 - i * 0.001, 300, 3));
        }
        pool.add(endpoint("b", "other", PAYEE_B, 0.98, 300, 3));
        var three = IntentResolver.resolve(query(3), pool, NOW);
        assertThat(three.candidates()).extracting(c -> c.endpoint().url())
                .containsExactly("https://same-host/a0", "https://same-host/a1", "https://other/b");
        var five = IntentResolver.resolve(query(5), pool, NOW);
        assertThat(five.candidates()).hasSize(5);
        assertThat(five.candidates().get(3).endpoint().url()).isEqualTo("https://same-host/a2");
    }

    @Test
    void budget_latency_and_keywords_filter_and_cost_orders_by_price() {
        var cheap = endpoint("a", "h1", PAYEE_A, 0.98, 300, 1);
        var dear = endpoint("b", "h2", PAYEE_B, 0.995, 300, 50);
        var byCost = IntentResolver.resolve(IntentQuery.of("data", List.of("WEATHER"), null, null, 5L, "cost", false),
                List.of(dear, cheap), NOW);
        assertThat(byCost.candidates()).extracting(c -> c.endpoint().url()).containsExactly("https://h1/a", "https://h2/b");
        var budget = IntentResolver.resolve(IntentQuery.of("data", null, 10L, null, 5L, null, false), List.of(dear, cheap), NOW);
        assertThat(budget.candidates()).extracting(c -> c.endpoint().url()).containsExactly("https://h1/a");
        var latency = IntentResolver.resolve(IntentQuery.of("data", null, null, 50L, 5L, null, false), List.of(dear, cheap), NOW);
        assertThat(latency.candidates()).isEmpty();
        var words = IntentResolver.resolve(IntentQuery.of("data", List.of("weather", "nope"), null, null, 5L, null, false),
                List.of(dear, cheap), NOW);
        assertThat(words.candidates()).isEmpty();
    }

    @Test
    void queries_are_validated_and_categories_normalised() {
        assertThat(IntentQuery.of(" AI/LLM ", null, null, null, null, null, false).category()).isEqualTo("ai");
        assertThat(IntentQuery.of("lightning", null, null, null, null, null, false).category()).isEqualTo("bitcoin");
        assertThatThrownBy(() -> IntentQuery.of("", null, null, null, null, null, false)).hasMessageContaining("category");
        assertThatThrownBy(() -> IntentQuery.of("9x", null, null, null, null, null, false)).hasMessageContaining("category");
        assertThatThrownBy(() -> IntentQuery.of("data", null, -1L, null, null, null, false)).hasMessageContaining("budget_sats");
        assertThatThrownBy(() -> IntentQuery.of("data", null, null, 60_001L, null, null, false))
                .hasMessageContaining("max_latency_ms");
        assertThatThrownBy(() -> IntentQuery.of("data", null, null, null, 21L, null, false)).hasMessageContaining("limit");
        assertThatThrownBy(() -> IntentQuery.of("data", null, null, null, null, "speed", false))
                .hasMessageContaining("optimize");
        assertThatThrownBy(() -> IntentQuery.of("data", java.util.Collections.nCopies(11, "w"), null, null, null, null, false))
                .hasMessageContaining("keywords");
    }
}
