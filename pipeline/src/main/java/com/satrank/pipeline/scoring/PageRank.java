package com.satrank.pipeline.scoring;

/**
 * Weighted PageRank on an undirected graph given in CSR form. Damping 0.85; the mass of nodes
 * without edges is spread evenly; iterates until the L1 change falls below 1e-9. Deterministic:
 * nodes are indexed in pubkey order by the caller and sums run in that fixed order, so the same
 * graph gives bit-identical ranks however its events arrived.
 */
public final class PageRank {
    public static final double DAMPING = 0.85;
    public static final double TOLERANCE = 1e-9;
    public static final int MAX_ITERATIONS = 500;

    private PageRank() {
    }

    /**
     * @param offsets  CSR row offsets, length n+1
     * @param targets  neighbour index per edge end
     * @param weights  weight per edge end (≥ 0)
     * @return rank per node, summing to 1
     */
    public static double[] compute(int[] offsets, int[] targets, double[] weights) {
        int n = offsets.length - 1;
        if (n == 0) {
            return new double[0];
        }
        double[] outWeight = new double[n];
        for (int v = 0; v < n; v++) {
            double sum = 0;
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                sum += weights[e];
            }
            outWeight[v] = sum;
        }
        double[] rank = new double[n];
        double[] next = new double[n];
        java.util.Arrays.fill(rank, 1.0 / n);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                if (outWeight[v] == 0) {
                    dangling += rank[v];
                }
            }
            double base = (1 - DAMPING) / n + DAMPING * dangling / n;
            java.util.Arrays.fill(next, base);
            // Undirected: each edge end (v → u) carries v's rank share along it.
            for (int v = 0; v < n; v++) {
                if (outWeight[v] == 0) {
                    continue;
                }
                double share = DAMPING * rank[v] / outWeight[v];
                for (int e = offsets[v]; e < offsets[v + 1]; e++) {
                    next[targets[e]] += share * weights[e];
                }
            }
            double delta = 0;
            for (int v = 0; v < n; v++) {
                delta += Math.abs(next[v] - rank[v]);
            }
            double[] swap = rank;
            rank = next;
            next = swap;
            if (delta < TOLERANCE) {
                break;
            }
        }
        return rank;
    }
}
