package com.satrank.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BetweennessTest {
    /** CSR of an undirected graph from an edge list. */
    static int[][] csr(int n, int[][] edges) {
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            adj.get(e[0]).add(e[1]);
            adj.get(e[1]).add(e[0]);
        }
        int[] offsets = new int[n + 1];
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.addAll(adj.get(i));
            offsets[i + 1] = targets.size();
        }
        return new int[][] {offsets, targets.stream().mapToInt(Integer::intValue).toArray()};
    }

    @Test
    void the_centre_of_a_star_lies_on_every_path_between_leaves() {
        int[][] g = csr(5, new int[][] {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
        double[] b = Betweenness.compute(g[0], g[1], 100);
        assertThat(b[0]).isCloseTo(6.0, within(1e-12)); // C(4,2) leaf pairs
        assertThat(b[1]).isZero();
    }

    @Test
    void a_path_counts_the_pairs_each_inner_node_separates() {
        int[][] g = csr(4, new int[][] {{0, 1}, {1, 2}, {2, 3}});
        double[] b = Betweenness.compute(g[0], g[1], 100);
        assertThat(b).containsExactly(new double[] {0, 2, 2, 0}, within(1e-12));
    }

    @Test
    void equal_shortest_paths_share_the_credit() {
        // a square 0-1-2-3-0: 0↔2 goes via 1 or 3, so each gets half of that pair
        int[][] g = csr(4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
        double[] b = Betweenness.compute(g[0], g[1], 100);
        assertThat(b).containsExactly(new double[] {0.5, 0.5, 0.5, 0.5}, within(1e-12));
    }

    @Test
    void the_pivot_estimate_ranks_the_hubs_of_a_larger_graph_like_the_exact_algorithm() {
        Random random = new Random(7);
        int n = 2000;
        List<int[]> edges = new ArrayList<>();
        for (int v = 1; v < n; v++) {
            // preferential-ish: attach to a low index more often, giving hubs
            edges.add(new int[] {v, (int) (Math.pow(random.nextDouble(), 3) * v)});
            if (v > 10) {
                edges.add(new int[] {v, random.nextInt(v)});
            }
        }
        int[][] g = csr(n, edges.toArray(new int[0][]));
        double[] exact = Betweenness.compute(g[0], g[1], n);
        double[] estimate = Betweenness.compute(g[0], g[1], 256);
        assertThat(topIndices(estimate, 10)).containsAnyElementsOf(topIndices(exact, 3));
        assertThat(estimate[argMax(exact)]).isCloseTo(exact[argMax(exact)], within(exact[argMax(exact)] * 0.2));
        assertThat(Betweenness.compute(g[0], g[1], 256)).containsExactly(estimate); // no randomness
    }

    private static List<Integer> topIndices(double[] v, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> Double.compare(v[b], v[a]));
        return idx.subList(0, k);
    }

    private static int argMax(double[] v) {
        return topIndices(v, 1).get(0);
    }
}
