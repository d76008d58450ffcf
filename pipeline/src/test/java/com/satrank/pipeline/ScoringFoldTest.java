package com.satrank.pipeline;

import static com.satrank.pipeline.graph.GraphStateTest.channel;
import static com.satrank.pipeline.graph.GraphStateTest.channels;
import static com.satrank.pipeline.graph.GraphStateTest.completed;
import static com.satrank.pipeline.graph.GraphStateTest.node;
import static com.satrank.pipeline.graph.GraphStateTest.nodes;
import static com.satrank.pipeline.graph.GraphStateTest.started;
import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.events.v1.PaymentReported;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.log.LogPosition;
import com.satrank.log.LoggedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold on plain events: no log, no database. */
class ScoringFoldTest {
    private static final long HOUR = 3_600_000L;

    private static List<LoggedEvent> logged(Event... events) {
        List<LoggedEvent> out = new ArrayList<>();
        for (Event e : events) {
            out.add(new LoggedEvent(new LogPosition(out.size()), e));
        }
        return out;
    }

    private static Event probe(int target, long atMs, ProbeCompleted.Outcome outcome) {
        return Event.newBuilder().setEventTimeMs(atMs).setProbeCompleted(ProbeCompleted.newBuilder()
                .setTargetPubkey(node(target).getPubkey()).setAmountSat(1000)
                .setMethod(ProbeCompleted.Method.PAYMENT_PROBE).setOutcome(outcome).setHops(2).setLatencyMs(300))
                .build();
    }

    private static Event report(int target, long atMs) {
        return Event.newBuilder().setEventTimeMs(atMs).setPaymentReported(PaymentReported.newBuilder()
                .setTargetPubkey(node(target).getPubkey()).setReporter("agent-1")
                .setOutcome(PaymentReported.Outcome.SUCCESS).setProven(true)).build();
    }

    @Test
    void only_a_completed_snapshot_asks_for_a_pass() {
        ScoringFold fold = new ScoringFold();
        int passes = fold.applyAll(logged(started(1, true, 0), nodes(1, node(1), node(2)),
                channels(1, channel(10, 1, 2)),
                completed(1, List.of(node(1), node(2)), List.of(channel(10, 1, 2)))));
        assertThat(passes).isEqualTo(1);
        assertThat(fold.hasGraph()).isTrue();
        assertThat(fold.state().nodes()).hasSize(2);
    }

    @Test
    void probes_and_reports_become_evidence_and_pending_reports() {
        ScoringFold fold = new ScoringFold();
        long t = 1_000 * HOUR;
        int passes = fold.applyAll(logged(probe(1, t, ProbeCompleted.Outcome.SUCCESS),
                probe(1, t + 1, ProbeCompleted.Outcome.FAILURE), probe(2, t + 2, ProbeCompleted.Outcome.SUCCESS),
                report(1, t + 3)));
        assertThat(passes).isZero();
        assertThat(fold.hasGraph()).isFalse();
        assertThat(fold.probesApplied()).isEqualTo(3);
        assertThat(fold.evidence()).containsOnlyKeys(node(1).getPubkey(), node(2).getPubkey());
        assertThat(fold.probesLastDay(t + HOUR)).isEqualTo(3);
        assertThat(fold.probesLastDay(t + 30 * HOUR)).isZero();
        assertThat(fold.reportsLastDay(t + HOUR)).isEqualTo(1);
        assertThat(fold.pendingReports()).singleElement().satisfies(r -> {
            assertThat(r.logIndex()).isEqualTo(3);
            assertThat(r.reporter()).isEqualTo("agent-1");
            assertThat(r.outcome()).isEqualTo("SUCCESS");
            assertThat(r.proven()).isTrue();
        });
        fold.clearPendingReports();
        assertThat(fold.pendingReports()).isEmpty();
    }
}
