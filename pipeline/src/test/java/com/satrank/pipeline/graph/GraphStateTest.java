package com.satrank.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphChannelsUpserted;
import com.satrank.events.v1.GraphNode;
import com.satrank.events.v1.GraphNodesUpserted;
import com.satrank.events.v1.GraphSnapshotCompleted;
import com.satrank.events.v1.GraphSnapshotStarted;
import com.satrank.graph.GraphDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

public class GraphStateTest {
    public static GraphNode node(int i) {
        byte[] pk = new byte[33];
        pk[0] = 3;
        pk[32] = (byte) i;
        return GraphNode.newBuilder().setPubkey(ByteString.copyFrom(pk)).setLastUpdate(100).build();
    }

    public static GraphChannel channel(long id, int a, int b) {
        return GraphChannel.newBuilder().setChannelId(id).setNode1Pubkey(node(a).getPubkey())
                .setNode2Pubkey(node(b).getPubkey()).setCapacitySat(500_000).build();
    }

    public static Event started(long id, boolean keyframe, long base) {
        return Event.newBuilder().setEventTimeMs(id).setGraphSnapshotStarted(GraphSnapshotStarted.newBuilder()
                .setSnapshotId(id).setKeyframe(keyframe).setBaseSnapshotId(base)).build();
    }

    public static Event nodes(long id, GraphNode... nodes) {
        return Event.newBuilder().setGraphNodesUpserted(GraphNodesUpserted.newBuilder().setSnapshotId(id)
                .addAllNodes(List.of(nodes))).build();
    }

    public static Event channels(long id, GraphChannel... channels) {
        return Event.newBuilder().setGraphChannelsUpserted(GraphChannelsUpserted.newBuilder().setSnapshotId(id)
                .addAllChannels(List.of(channels))).build();
    }

    public static Event completed(long id, List<GraphNode> all, List<GraphChannel> allChannels) {
        return Event.newBuilder().setEventTimeMs(id * 1000).setGraphSnapshotCompleted(GraphSnapshotCompleted
                .newBuilder().setSnapshotId(id).setNodeCount(all.size()).setChannelCount(allChannels.size())
                .setGraphDigest(ByteString.copyFrom(GraphDigest.of(all, allChannels)))).build();
    }

    @Test
    void a_snapshot_applies_only_when_completed() {
        GraphState state = new GraphState();
        assertThat(state.apply(started(1, true, 0))).isFalse();
        assertThat(state.apply(nodes(1, node(1), node(2)))).isFalse();
        assertThat(state.nodes()).isEmpty();
        assertThat(state.apply(completed(1, List.of(node(1), node(2)), List.of()))).isTrue();
        assertThat(state.nodes()).hasSize(2);
        assertThat(state.asOfMs()).isEqualTo(1000);
    }

    @Test
    void a_snapshot_cut_short_by_a_crash_is_ignored_and_the_next_keyframe_wins() {
        GraphState state = new GraphState();
        state.apply(started(1, true, 0));
        state.apply(nodes(1, node(1)));
        // crash: no completion; ingest restarts with a keyframe
        state.apply(started(2, true, 0));
        state.apply(nodes(2, node(7)));
        state.apply(completed(2, List.of(node(7)), List.of()));
        assertThat(state.nodes()).containsOnlyKeys(node(7).getPubkey());
        assertThat(state.appliedSnapshotId()).isEqualTo(2);
    }

    @Test
    void a_delta_against_another_base_is_rejected() {
        GraphState state = new GraphState();
        state.apply(started(1, true, 0));
        state.apply(nodes(1, node(1)));
        state.apply(completed(1, List.of(node(1)), List.of()));
        state.apply(started(3, false, 2));
        state.apply(nodes(3, node(2)));
        assertThat(state.apply(completed(3, List.of(node(1), node(2)), List.of()))).isFalse();
        assertThat(state.nodes()).hasSize(1);
        assertThat(state.rejectedSnapshots()).isEqualTo(1);
    }

    @Test
    void a_delta_whose_digest_does_not_match_is_rejected() {
        GraphState state = new GraphState();
        state.apply(started(1, true, 0));
        state.apply(nodes(1, node(1), node(2)));
        state.apply(completed(1, List.of(node(1), node(2)), List.of()));
        state.apply(started(2, false, 1));
        state.apply(channels(2, channel(9, 1, 2)));
        // digest claims a graph without the channel
        assertThat(state.apply(completed(2, List.of(node(1), node(2)), List.of()))).isFalse();
        assertThat(state.channels()).isEmpty();
    }

    @Test
    void first_sighting_is_the_first_snapshot_that_held_the_node() {
        GraphState state = new GraphState();
        state.apply(started(1, true, 0));
        state.apply(nodes(1, node(1)));
        state.apply(completed(1, List.of(node(1)), List.of()));
        state.apply(started(2, false, 1));
        state.apply(nodes(2, node(2)));
        state.apply(completed(2, List.of(node(1), node(2)), List.of()));
        assertThat(state.firstSeenMs(node(1).getPubkey())).isEqualTo(1000);
        assertThat(state.firstSeenMs(node(2).getPubkey())).isEqualTo(2000);
    }
}
