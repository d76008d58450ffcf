package com.satrank.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PageRankTest {
    /** Star: centre 0 linked to 1..4, equal weights. */
    private static double[] star(double weight) {
        int[] offsets = {0, 4, 5, 6, 7, 8};
        int[] targets = {1, 2, 3, 4, 0, 0, 0, 0};
        double[] weights = new double[8];
        Arrays.fill(weights, weight);
        return PageRank.compute(offsets, targets, weights);
    }

    @Test
    void ranks_sum_to_one_and_the_hub_ranks_highest() {
        double[] r = star(1.0);
        assertThat(Arrays.stream(r).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(r[0]).isGreaterThan(r[1]);
        assertThat(r[1]).isCloseTo(r[4], within(1e-15));
    }

    @Test
    void matches_the_closed_form_for_a_star() {
        // Undirected star with n leaves: centre c and leaves l satisfy
        // c = (1-d)/N + d*n*l, l = (1-d)/N + d*c/n, with N = n+1.
        double d = PageRank.DAMPING;
        int n = 4;
        double nn = n + 1;
        double c = ((1 - d) / nn) * (1 + d * n) / (1 - d * d);
        double[] r = star(2.5);
        assertThat(r[0]).isCloseTo(c, within(1e-8));
    }

    @Test
    void isolated_nodes_share_the_teleport_mass() {
        double[] r = PageRank.compute(new int[] {0, 0, 0, 0}, new int[0], new double[0]);
        assertThat(r).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
    }

    @Test
    void heavier_edges_pull_more_rank() {
        // path 0-1-2 where 0-1 is heavy: 0 should outrank 2
        int[] offsets = {0, 1, 3, 4};
        int[] targets = {1, 0, 2, 1};
        double[] weights = {10, 10, 1, 1};
        double[] r = PageRank.compute(offsets, targets, weights);
        assertThat(r[0]).isGreaterThan(r[2]);
    }
}
