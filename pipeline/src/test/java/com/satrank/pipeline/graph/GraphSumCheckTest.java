package com.satrank.pipeline.graph;

import static com.satrank.pipeline.graph.GraphStateTest.channel;
import static com.satrank.pipeline.graph.GraphStateTest.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import com.satrank.graph.GraphSnapshot;
import com.satrank.graph.GraphSum;
import com.satrank.ingest.graph.SnapshotEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Snapshots checked by {@link GraphSum}: deltas applied in place give exactly the written graph. */
class GraphSumCheckTest {
    private final Random random = new Random(3);

    @Test
    void the_sum_does_not_depend_on_order_and_removal_undoes_addition() {
        List<GraphNode> nodes = new ArrayList<>(List.of(node(1), node(2), node(3)));
        List<GraphChannel> channels = new ArrayList<>(List.of(channel(7, 1, 2), channel(8, 2, 3)));
        byte[] forward = GraphSum.of(nodes, channels).toBytes();
        Collections.reverse(nodes);
        Collections.reverse(channels);
        assertThat(GraphSum.of(nodes, channels).toBytes()).isEqualTo(forward);
        GraphSum sum = GraphSum.of(nodes, channels);
        sum.add(channel(9, 1, 3));
        assertThat(sum.toBytes()).isNotEqualTo(forward).hasSize(32);
        sum.remove(channel(9, 1, 3));
        assertThat(sum.toBytes()).isEqualTo(forward);
    }

    @Test
    void deltas_applied_in_place_give_the_graph_ingest_saw() {
        GraphState state = new GraphState();
        GraphSnapshot previous = graph(60, 150);
        apply(state, SnapshotEvents.keyframe(1, previous, 0), 1);
        for (long id = 2; id <= 30; id++) {
            GraphSnapshot next = evolve(previous);
            assertThat(apply(state, SnapshotEvents.delta(id, id - 1, previous, next, 0), id)).isTrue();
            assertThat(state.nodes()).isEqualTo(next.nodes());
            assertThat(state.channels()).isEqualTo(next.channels());
            assertThat(state.digest()).isEqualTo(next.sum());
            previous = next;
        }
        assertThat(state.rejectedSnapshots()).isZero();
    }

    @Test
    void a_delta_missing_a_batch_is_rejected_and_the_graph_is_untouched_until_the_next_keyframe() {
        GraphState state = new GraphState();
        GraphSnapshot base = graph(60, 150);
        apply(state, SnapshotEvents.keyframe(1, base, 0), 1);
        GraphSnapshot next = evolve(base);
        List<Event.Builder> delta = new ArrayList<>(SnapshotEvents.delta(2, 1, base, next, 0));
        delta.removeIf(e -> e.hasGraphChannelsUpserted()); // a lost batch
        assertThat(apply(state, delta, 2)).isFalse();
        assertThat(state.channels()).isEqualTo(base.channels());
        assertThat(state.appliedSnapshotId()).isEqualTo(1);
        GraphSnapshot later = evolve(next);
        assertThat(apply(state, SnapshotEvents.delta(3, 2, next, later, 0), 3)).as("its base was never applied").isFalse();
        assertThat(apply(state, SnapshotEvents.keyframe(4, later, 0), 4)).isTrue();
        assertThat(state.channels()).isEqualTo(later.channels());
        assertThat(state.rejectedSnapshots()).isEqualTo(2);
    }

    @Test
    void a_log_checked_the_old_way_continues_with_deltas_checked_by_sum() {
        GraphState state = new GraphState();
        GraphSnapshot base = graph(40, 90);
        List<Event.Builder> keyframe = new ArrayList<>(SnapshotEvents.keyframe(1, base, 0));
        var completed = keyframe.get(keyframe.size() - 1);
        completed.getGraphSnapshotCompletedBuilder().clearGraphSum().setGraphDigest(ByteString.copyFrom(base.digest()));
        assertThat(apply(state, keyframe, 1)).isTrue();
        GraphSnapshot next = evolve(base);
        assertThat(apply(state, SnapshotEvents.delta(2, 1, base, next, 0), 2)).isTrue();
        assertThat(state.channels()).isEqualTo(next.channels());
    }

    private static boolean apply(GraphState state, List<Event.Builder> events, long id) {
        boolean completed = false;
        for (Event.Builder e : events) {
            completed = state.apply(e.setEventTimeMs(id * 1000).build());
        }
        return completed;
    }

    private GraphSnapshot graph(int nodes, int channels) {
        Map<ByteString, GraphNode> n = new HashMap<>();
        for (int i = 0; i < nodes; i++) {
            n.put(node(i).getPubkey(), node(i));
        }
        Map<Long, GraphChannel> c = new HashMap<>();
        for (long id = 1; id <= channels; id++) {
            c.put(id, channel(id, random.nextInt(nodes), random.nextInt(nodes)));
        }
        return new GraphSnapshot(n, c);
    }

    /** Some nodes updated, some channels closed, opened or resized. */
    private GraphSnapshot evolve(GraphSnapshot g) {
        Map<ByteString, GraphNode> n = new HashMap<>(g.nodes());
        Map<Long, GraphChannel> c = new HashMap<>(g.channels());
        List<ByteString> pubkeys = new ArrayList<>(n.keySet());
        for (int i = 0; i < 3; i++) {
            GraphNode old = n.get(pubkeys.get(random.nextInt(pubkeys.size())));
            n.put(old.getPubkey(), old.toBuilder().setLastUpdate(old.getLastUpdate() + 1 + random.nextInt(100)).build());
        }
        List<Long> ids = new ArrayList<>(c.keySet());
        c.remove(ids.get(random.nextInt(ids.size())));
        GraphChannel resized = c.get(ids.get(random.nextInt(ids.size())));
        if (resized != null) {
            c.put(resized.getChannelId(), resized.toBuilder().setCapacitySat(resized.getCapacitySat() + 1_000).build());
        }
        long fresh = 10_000 + random.nextInt(1_000_000);
        c.put(fresh, channel(fresh, random.nextInt(pubkeys.size()), random.nextInt(pubkeys.size())));
        return new GraphSnapshot(n, c);
    }
}
