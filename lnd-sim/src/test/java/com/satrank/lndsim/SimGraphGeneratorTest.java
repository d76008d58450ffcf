package com.satrank.lndsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.ChannelGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimGraphGeneratorTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private static ChannelGraph graph(long seed, int nodes, int channels) {
        return new SimGraphGenerator(seed, T0).generate(nodes, channels, SimIdentity.fromSeed(seed).publicKey())
                .describe(T0);
    }

    @Test
    void same_seed_same_graph_other_seed_other_graph() {
        assertThat(graph(5, 2000, 6000)).isEqualTo(graph(5, 2000, 6000));
        assertThat(graph(5, 2000, 6000)).isNotEqualTo(graph(6, 2000, 6000));
    }

    @Test
    void default_size_graph_is_heavy_tailed_like_mainnet() {
        ChannelGraph g = graph(21, 15_000, 50_000);
        assertThat(g.getNodesCount()).isEqualTo(15_001);
        assertThat(g.getEdgesCount()).isEqualTo(50_000);
        Map<String, Integer> degree = new HashMap<>();
        for (ChannelEdge e : g.getEdgesList()) {
            degree.merge(e.getNode1Pub(), 1, Integer::sum);
            degree.merge(e.getNode2Pub(), 1, Integer::sum);
        }
        int[] d = degree.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertThat(d[d.length / 2]).as("median degree").isBetween(1, 4);
        assertThat(d[d.length - 1]).as("largest hub").isGreaterThan(800);
        long top1pct = Arrays.stream(d, d.length - d.length / 100, d.length).sum();
        assertThat(top1pct * 2.0 / (2L * g.getEdgesCount())).as("share of channel ends at the top 1%%")
                .isGreaterThan(0.25);
        assertThat(degree).hasSize(15_001);
    }

    @Test
    void has_disabled_one_sided_and_dead_parts() {
        ChannelGraph g = graph(21, 3000, 9000);
        long disabled = g.getEdgesList().stream()
                .filter(e -> e.hasNode1Policy() && e.getNode1Policy().getDisabled()).count();
        long missing = g.getEdgesList().stream().filter(e -> !e.hasNode1Policy() || !e.hasNode2Policy()).count();
        long dead = g.getNodesList().stream()
                .filter(n -> n.getLastUpdate() < T0.minus(Duration.ofDays(14)).getEpochSecond()).count();
        assertThat(disabled).isBetween(9000 / 100L, 9000 / 5L);
        assertThat(missing).isBetween(9000 / 100L, 9000 / 5L);
        assertThat(dead).isBetween(3000 / 50L, 3000 / 10L);
    }

    @Test
    void the_graph_moves_over_time_deterministically() {
        SimGraph a = new SimGraphGenerator(3, T0).generate(1000, 3000, SimIdentity.fromSeed(3).publicKey())
                .evolving(3);
        SimGraph b = new SimGraphGenerator(3, T0).generate(1000, 3000, SimIdentity.fromSeed(3).publicKey())
                .evolving(3);
        ChannelGraph start = a.describe(T0);
        ChannelGraph later = a.describe(T0.plus(Duration.ofHours(2)));
        assertThat(later).isNotEqualTo(start);
        assertThat(b.describe(T0.plus(Duration.ofHours(2)))).isEqualTo(later);
    }

    @Test
    void identity_is_a_real_secp256k1_key() {
        byte[] pub = SimIdentity.fromSeed(21).publicKey();
        assertThat(pub).hasSize(33);
        assertThat(pub[0]).isIn((byte) 2, (byte) 3);
    }
}
