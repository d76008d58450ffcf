package com.satrank.ingest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.model.Pubkey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbePlannerTest {
    static Pubkey pk(int i) {
        return Pubkey.fromHex("02" + String.format("%064x", i));
    }

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void queried_first_then_stalest_first_skipping_recent_ones_within_budget() {
        var last = Map.of(
                pk(1), NOW.minus(Duration.ofHours(5)),
                pk(2), NOW.minus(Duration.ofHours(2)),
                pk(3), NOW.minus(Duration.ofMinutes(10)),   // too recent
                pk(4), NOW.minus(Duration.ofHours(3)));
        List<Pubkey> plan = ProbePlanner.plan(List.of(pk(1), pk(2), pk(3), pk(4), pk(5), pk(6)), last,
                Set.of(pk(2)), NOW, Duration.ofHours(1), 4);
        // pk(2) was queried by an agent; pk(5), pk(6) never probed (stalest, by pubkey); then pk(1)
        assertThat(plan).containsExactly(pk(2), pk(5), pk(6), pk(1));
    }

    @Test
    void a_recently_queried_node_still_waits_out_its_minimum_interval() {
        List<Pubkey> plan = ProbePlanner.plan(List.of(pk(1)), Map.of(pk(1), NOW.minusSeconds(30)), Set.of(pk(1)), NOW,
                Duration.ofMinutes(5), 10);
        assertThat(plan).isEmpty();
    }

    @Test
    void same_input_same_plan_whatever_the_candidate_order() {
        var a = ProbePlanner.plan(List.of(pk(3), pk(1), pk(2)), Map.of(), Set.of(), NOW, Duration.ofHours(1), 3);
        var b = ProbePlanner.plan(List.of(pk(2), pk(3), pk(1)), Map.of(), Set.of(), NOW, Duration.ofHours(1), 3);
        assertThat(a).isEqualTo(b).containsExactly(pk(1), pk(2), pk(3));
    }
}
