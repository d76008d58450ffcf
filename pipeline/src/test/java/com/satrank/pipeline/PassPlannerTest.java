package com.satrank.pipeline;

import static com.satrank.pipeline.PassPlanner.CADENCE_MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.pipeline.PassPlanner.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which passes run, from event times alone. */
class PassPlannerTest {
    private static final long DAY = 24 * 3600 * 1000L;
    private static final long T0 = 20_000 * DAY;

    @Test
    void no_cadence_pass_before_the_graph_nor_twice_for_one_boundary() {
        PassPlanner planner = new PassPlanner(Long.MIN_VALUE, false);
        assertThat(planner.cadencePassBefore(T0 + CADENCE_MS + 5, false)).isEqualTo(Long.MIN_VALUE);
        long boundary = planner.cadencePassBefore(T0 + CADENCE_MS + 5, true);
        assertThat(boundary).isEqualTo(T0 + CADENCE_MS);
        planner.plan(boundary, t -> false);
        assertThat(planner.cadencePassBefore(T0 + CADENCE_MS + 9, true)).isEqualTo(Long.MIN_VALUE);
        assertThat(planner.cadencePassBefore(T0 + 2 * CADENCE_MS + 1, true)).isEqualTo(T0 + 2 * CADENCE_MS);
        // an event exactly on a boundary belongs to the cadence before it, which already ran
        assertThat(planner.cadencePassBefore(T0 + 2 * CADENCE_MS, true)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void passes_a_store_already_holds_are_not_written_again() {
        PassPlanner planner = new PassPlanner(T0 + 2 * CADENCE_MS, false);
        assertThat(planner.plan(T0 + CADENCE_MS, t -> false).kind()).isEqualTo(Kind.ALREADY_WRITTEN);
        assertThat(planner.plan(T0 + 2 * CADENCE_MS, t -> false).kind()).isEqualTo(Kind.ALREADY_WRITTEN);
        PassPlanner.Pass next = planner.plan(T0 + 3 * CADENCE_MS, t -> false);
        assertThat(next.kind()).isEqualTo(Kind.FULL);
        assertThat(next.writes()).isTrue();
    }

    @Test
    void the_first_pass_of_each_utc_day_writes_history() {
        PassPlanner planner = new PassPlanner(Long.MIN_VALUE, false);
        List<Boolean> first = new ArrayList<>();
        for (long t : new long[] {T0 + 1, T0 + CADENCE_MS, T0 + DAY - 1, T0 + DAY, T0 + DAY + CADENCE_MS}) {
            PassPlanner.Pass pass = planner.plan(t, x -> false);
            planner.written(pass);
            first.add(pass.firstOfDay());
        }
        assertThat(first).containsExactly(true, false, false, true, false);
    }

    @Test
    void a_replay_skips_superseded_passes_but_keeps_each_days_first_for_its_history() {
        PassPlanner planner = new PassPlanner(Long.MIN_VALUE, true);
        List<Long> asked = new ArrayList<>();
        assertThat(planner.plan(T0, t -> {
            asked.add(t);
            return true;
        }).kind()).isEqualTo(Kind.HISTORY_ONLY);
        assertThat(planner.plan(T0 + CADENCE_MS, t -> true).kind()).isEqualTo(Kind.SKIPPED);
        assertThat(planner.plan(T0 + 2 * CADENCE_MS, t -> false).kind()).isEqualTo(Kind.FULL);
        assertThat(planner.skipped()).isEqualTo(1);
        assertThat(asked).containsExactly(T0);
    }

    @Test
    void a_live_run_never_asks_whether_a_pass_is_superseded() {
        PassPlanner planner = new PassPlanner(Long.MIN_VALUE, false);
        assertThat(planner.plan(T0, t -> {
            throw new AssertionError("asked");
        }).kind()).isEqualTo(Kind.FULL);
    }
}
