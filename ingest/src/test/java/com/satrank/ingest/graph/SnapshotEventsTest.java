package com.satrank.ingest.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import com.satrank.graph.GraphSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotEventsTest {
    static GraphNode node(int i) {
        byte[] pk = new byte[33];
        pk[0] = 2;
        pk[32] = (byte) i;
        pk[31] = (byte) (i >> 8);
        return GraphNode.newBuilder().setPubkey(ByteString.copyFrom(pk)).setAlias("n" + i).setLastUpdate(1).build();
    }

    static GraphChannel channel(long id, GraphNode a, GraphNode b) {
        return GraphChannel.newBuilder().setChannelId(id).setNode1Pubkey(a.getPubkey()).setNode2Pubkey(b.getPubkey())
                .setCapacitySat(1_000_000).build();
    }

    static GraphSnapshot graph(int nodes) {
        Map<ByteString, GraphNode> n = new HashMap<>();
        Map<Long, GraphChannel> c = new HashMap<>();
        for (int i = 0; i < nodes; i++) {
            n.put(node(i).getPubkey(), node(i));
            if (i > 0) {
                c.put((long) i, channel(i, node(i - 1), node(i)));
            }
        }
        return new GraphSnapshot(n, c);
    }

    @Test
    void keyframe_lists_everything_in_bounded_batches_between_start_and_completion() {
        List<Event.Builder> events = SnapshotEvents.keyframe(10, graph(2500), 99);
        assertThat(events.get(0).getGraphSnapshotStarted().getKeyframe()).isTrue();
        Event.Builder last = events.get(events.size() - 1);
        assertThat(last.getGraphSnapshotCompleted().getNodeCount()).isEqualTo(2500);
        assertThat(last.getGraphSnapshotCompleted().getChannelCount()).isEqualTo(2499);
        int nodes = events.stream().mapToInt(e -> e.getGraphNodesUpserted().getNodesCount()).sum();
        assertThat(nodes).isEqualTo(2500);
        assertThat(events).allSatisfy(e -> assertThat(e.getGraphNodesUpserted().getNodesCount())
                .isLessThanOrEqualTo(SnapshotEvents.BATCH));
    }

    @Test
    void unchanged_graph_delta_is_two_small_events() {
        GraphSnapshot g = graph(500);
        List<Event.Builder> events = SnapshotEvents.delta(11, 10, g, graph(500), 99);
        assertThat(events).hasSize(2);
        int bytes = events.stream().mapToInt(e -> e.build().getSerializedSize()).sum();
        assertThat(bytes).isLessThan(200);
        assertThat(events.get(0).getGraphSnapshotStarted().getBaseSnapshotId()).isEqualTo(10);
    }

    @Test
    void delta_carries_exactly_the_changes() {
        GraphSnapshot before = graph(10);
        Map<ByteString, GraphNode> nodes = new HashMap<>(before.nodes());
        Map<Long, GraphChannel> channels = new HashMap<>(before.channels());
        nodes.remove(node(9).getPubkey());
        channels.remove(9L);
        nodes.put(node(3).getPubkey(), node(3).toBuilder().setAlias("renamed").build());
        channels.put(100L, channel(100, node(0), node(5)));
        GraphSnapshotDiff diff = GraphSnapshotDiff.between(before, new GraphSnapshot(nodes, channels));
        assertThat(diff.removedNodes()).containsExactly(node(9).getPubkey());
        assertThat(diff.removedChannels()).containsExactly(9L);
        assertThat(diff.upsertedNodes()).extracting(GraphNode::getAlias).containsExactly("renamed");
        assertThat(diff.upsertedChannels()).extracting(GraphChannel::getChannelId).containsExactly(100L);
    }
}
