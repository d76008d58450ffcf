package com.satrank.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.ChannelPolicy;
import com.satrank.events.v1.GraphChannel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LargestChannelHistoryTest {
    private static final long HOUR = 3_600_000L;
    private static final ByteString A = ByteString.copyFrom(new byte[] {2, 1});
    private static final ByteString B = ByteString.copyFrom(new byte[] {2, 2});
    private static final ByteString C = ByteString.copyFrom(new byte[] {2, 3});

    private static GraphChannel channel(long id, ByteString one, ByteString two, long sat, boolean disabled) {
        ChannelPolicy policy = ChannelPolicy.newBuilder().setDisabled(disabled).build();
        return GraphChannel.newBuilder().setChannelId(id).setNode1Pubkey(one).setNode2Pubkey(two).setCapacitySat(sat)
                .setNode1Policy(policy).setNode2Policy(policy).build();
    }

    private static Map<Long, GraphChannel> graph(GraphChannel... channels) {
        Map<Long, GraphChannel> map = new HashMap<>();
        for (GraphChannel c : channels) {
            map.put(c.getChannelId(), c);
        }
        return map;
    }

    @Test
    void answers_the_channel_a_node_had_at_each_time_not_the_one_it_has_now() {
        LargestChannelHistory h = new LargestChannelHistory();
        h.onGraph(10 * HOUR, graph(channel(1, A, B, 5_000_000, false), channel(2, A, C, 800_000, false)));
        h.onGraph(20 * HOUR, graph(channel(1, A, B, 5_000_000, true), channel(2, A, C, 800_000, false)));
        h.onGraph(30 * HOUR, graph(channel(2, A, C, 800_000, true)));

        assertThat(h.at(A, 15 * HOUR)).isEqualTo(5_000_000);
        assertThat(h.at(A, 25 * HOUR)).as("its big channel disabled").isEqualTo(800_000);
        assertThat(h.at(A, 35 * HOUR)).as("nothing enabled").isZero();
        assertThat(h.at(B, 25 * HOUR)).as("B's only channel disabled").isZero();
        assertThat(h.at(A, 5 * HOUR)).as("before any snapshot: the first known").isEqualTo(5_000_000);
        assertThat(h.at(ByteString.copyFrom(new byte[] {3, 9}), 15 * HOUR)).as("never seen").isZero();
    }

    @Test
    void forgets_changes_older_than_its_window_but_still_answers_for_them() {
        LargestChannelHistory h = new LargestChannelHistory();
        h.onGraph(0, graph(channel(1, A, B, 1_000_000, false)));
        h.onGraph(HOUR, graph(channel(1, A, B, 2_000_000, false)));
        long later = LargestChannelHistory.KEEP_MS + 2 * HOUR;
        h.onGraph(later, graph(channel(1, A, B, 3_000_000, false)));

        assertThat(h.at(A, 2 * HOUR)).isEqualTo(2_000_000);
        assertThat(h.at(A, 0)).as("the oldest change is gone; the newest before the window answers").isEqualTo(2_000_000);
        assertThat(h.at(A, later)).isEqualTo(3_000_000);
    }

    @Test
    void deltas_give_what_the_whole_graph_gives() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        ByteString[] nodes = new ByteString[40];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = ByteString.copyFrom(new byte[] {2, (byte) i});
        }
        Map<Long, GraphChannel> graph = new HashMap<>();
        LargestChannelHistory incremental = new LargestChannelHistory();
        LargestChannelHistory whole = new LargestChannelHistory();
        for (int snapshot = 0; snapshot < 300; snapshot++) {
            long t = snapshot * HOUR;
            Map<Long, GraphChannel> touched = new java.util.LinkedHashMap<>();
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                long id = random.nextInt(120);
                touched.put(id, graph.containsKey(id) && random.nextDouble() < 0.3 ? null
                        : channel(id, nodes[random.nextInt(nodes.length)], nodes[random.nextInt(nodes.length)],
                        100_000 + random.nextInt(5_000_000), random.nextDouble() < 0.25));
            }
            incremental.onDelta(t, graph, touched);
            touched.forEach((id, now) -> {
                if (now == null) {
                    graph.remove(id);
                } else {
                    graph.put(id, now);
                }
            });
            whole.onGraph(t, graph);
            for (ByteString node : nodes) {
                assertThat(incremental.at(node, t)).as("node %s at snapshot %s", node.byteAt(1), snapshot)
                        .isEqualTo(whole.at(node, t));
            }
        }
    }
}
