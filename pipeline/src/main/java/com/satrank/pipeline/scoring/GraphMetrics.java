package com.satrank.pipeline.scoring;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import com.satrank.graph.GraphDigest;
import com.satrank.model.Pubkey;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.graph.LargestChannelHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-node graph metrics as of the state's last snapshot: channel count, capacity, distinct peers,
 * PageRank over active channels (a channel counts when at least one side announced an enabled
 * policy) weighted by ln(capacity+1), and betweenness over the same channels (see {@link Betweenness}). A node is stale when it has not announced for
 * {@link #STALE_AFTER_MS} before the snapshot's event time. Rank and percentile compare against live
 * (non-stale) nodes only: rank is 1 + the number of live nodes with a strictly higher PageRank (0 for
 * a stale node), a percentile is the share of live nodes strictly below. Depends on the snapshot
 * only, so a caller may reuse the result until the next snapshot applies.
 */
public final class GraphMetrics {
    public static final long STALE_AFTER_MS = 14L * 24 * 3600 * 1000;

    private GraphMetrics() {
    }

    public record Result(List<NodeRow> rows, NetworkStatsRow stats) {
    }

    public static Result compute(GraphState state) {
        return compute(state, Betweenness.DEFAULT_PIVOTS);
    }

    /** With {@code pivots} betweenness sources (exact when the graph has no more nodes than that). */
    public static Result compute(GraphState state, int pivots) {
        return adjacency(state).metrics(state, pivots);
    }

    /**
     * The graph in index form (nodes in pubkey order, channels in id order): per-node counts and the
     * active channels as edges. PageRank and betweenness run on it; the bench times them separately.
     */
    public static final class Adjacency {
        private final List<ByteString> order;
        private final int[] channelCount;
        private final int[] activeCount;
        private final long[] capacity;
        /** The largest enabled channel per node: the largest single payment its channels could let in. */
        private final long[] maxEnabled;
        private final List<Set<Integer>> peers;
        private final int[] degree;
        private final List<int[]> activeEdges;
        private final List<Double> activeWeights;
        private final int channels;
        private final long totalCapacity;

        private Adjacency(List<ByteString> order, int[] channelCount, int[] activeCount, long[] capacity,
                          long[] maxEnabled, List<Set<Integer>> peers, int[] degree, List<int[]> activeEdges, List<Double> activeWeights,
                          int channels, long totalCapacity) {
            this.order = order;
            this.channelCount = channelCount;
            this.activeCount = activeCount;
            this.capacity = capacity;
            this.maxEnabled = maxEnabled;
            this.peers = peers;
            this.degree = degree;
            this.activeEdges = activeEdges;
            this.activeWeights = activeWeights;
            this.channels = channels;
            this.totalCapacity = totalCapacity;
        }

        public double[] pageRank() {
            return GraphMetrics.pageRank(order.size(), degree, activeEdges, activeWeights);
        }

        public double[] betweenness(int pivots) {
            return GraphMetrics.betweenness(order.size(), activeEdges, pivots);
        }

        private Result metrics(GraphState state, int pivots) {
            return GraphMetrics.metrics(state, this, pivots);
        }
    }

    public static Adjacency adjacency(GraphState state) {
        List<ByteString> order = new ArrayList<>(state.nodes().keySet());
        order.sort(GraphDigest.PUBKEY_ORDER);
        Map<ByteString, Integer> index = new HashMap<>(order.size() * 2);
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        int n = order.size();
        int[] channelCount = new int[n];
        int[] activeCount = new int[n];
        long[] capacity = new long[n];
        long[] maxEnabled = new long[n];
        List<Set<Integer>> peers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            peers.add(new HashSet<>());
        }
        List<GraphChannel> channels = new ArrayList<>(state.channels().values());
        channels.sort((a, b) -> Long.compareUnsigned(a.getChannelId(), b.getChannelId()));
        int[] degree = new int[n];
        long totalCapacity = 0;
        List<int[]> activeEdges = new ArrayList<>();
        List<Double> activeWeights = new ArrayList<>();
        for (GraphChannel c : channels) {
            totalCapacity += c.getCapacitySat();
            Integer a = index.get(c.getNode1Pubkey());
            Integer b = index.get(c.getNode2Pubkey());
            if (a == null || b == null || a.equals(b)) {
                continue;
            }
            channelCount[a]++;
            channelCount[b]++;
            capacity[a] += c.getCapacitySat();
            capacity[b] += c.getCapacitySat();
            peers.get(a).add(b);
            peers.get(b).add(a);
            if (LargestChannelHistory.enabled(c)) {
                activeCount[a]++;
                activeCount[b]++;
                maxEnabled[a] = Math.max(maxEnabled[a], c.getCapacitySat());
                maxEnabled[b] = Math.max(maxEnabled[b], c.getCapacitySat());
                degree[a]++;
                degree[b]++;
                activeEdges.add(new int[] {a, b});
                activeWeights.add(Math.log(c.getCapacitySat() + 1.0));
            }
        }
        return new Adjacency(order, channelCount, activeCount, capacity, maxEnabled, peers, degree, activeEdges, activeWeights,
                channels.size(), totalCapacity);
    }

    private static Result metrics(GraphState state, Adjacency g, int pivots) {
        List<ByteString> order = g.order;
        int n = order.size();
        double[] rank = g.pageRank();
        double[] betweenness = g.betweenness(pivots);
        boolean[] stale = new boolean[n];
        for (int i = 0; i < n; i++) {
            long lastUpdateMs = state.nodes().get(order.get(i)).getLastUpdate() * 1000L;
            stale[i] = state.asOfMs() - lastUpdateMs > STALE_AFTER_MS;
        }
        LiveRanking byPageRank = new LiveRanking(rank, stale);
        LiveRanking byBetweenness = new LiveRanking(betweenness, stale);
        List<NodeRow> rows = new ArrayList<>(n);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            GraphNode node = state.nodes().get(order.get(i));
            Pubkey pubkey = Pubkey.fromBytes(order.get(i).toByteArray());
            rows.add(new NodeRow(pubkey.nodeId().hex(), pubkey.hex(), node.getAlias(),
                    "#" + String.format("%06x", node.getColorRgb()), g.channelCount[i], g.activeCount[i],
                    g.capacity[i], g.peers.get(i).size(), rank[i], byPageRank.percentile(rank[i]),
                    stale[i] ? 0 : byPageRank.above(rank[i]) + 1, stale[i],
                    node.getLastUpdate(), state.firstSeenMs(order.get(i)), betweenness[i],
                    byBetweenness.percentile(betweenness[i]), g.maxEnabled[i]));
        }
        int live = byPageRank.live();
        NetworkStatsRow stats = new NetworkStatsRow(n, live, g.channels, g.totalCapacity,
                state.appliedSnapshotId(), hex.formatHex(state.digest()), state.asOfMs(), 0, 0, 0);
        return new Result(rows, stats);
    }

    private static double[] pageRank(int n, int[] degree, List<int[]> edges, List<Double> weights) {
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        int[] fill = Arrays.copyOf(offsets, n);
        int[] targets = new int[offsets[n]];
        double[] w = new double[offsets[n]];
        for (int e = 0; e < edges.size(); e++) {
            int a = edges.get(e)[0];
            int b = edges.get(e)[1];
            targets[fill[a]] = b;
            w[fill[a]++] = weights.get(e);
            targets[fill[b]] = a;
            w[fill[b]++] = weights.get(e);
        }
        return PageRank.compute(offsets, targets, w);
    }

    /** Unweighted adjacency with parallel channels merged: betweenness counts paths between nodes, not channels. */
    private static double[] betweenness(int n, List<int[]> edges, int pivots) {
        long[] pairs = new long[edges.size() * 2];
        int k = 0;
        for (int[] e : edges) {
            pairs[k++] = ((long) e[0] << 32) | e[1];
            pairs[k++] = ((long) e[1] << 32) | e[0];
        }
        Arrays.sort(pairs);
        int[] offsets = new int[n + 1];
        int[] targets = new int[pairs.length];
        int m = 0;
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0 && pairs[i] == pairs[i - 1]) {
                continue;
            }
            offsets[(int) (pairs[i] >>> 32) + 1]++;
            targets[m++] = (int) pairs[i];
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        return Betweenness.compute(offsets, Arrays.copyOf(targets, m), pivots);
    }

    /**
     * A metric's values among live nodes: the percentile is the share of live nodes strictly below
     * (100 when there is at most one live node), {@code above} the number strictly above.
     */
    private static final class LiveRanking {
        private final double[] sorted;

        LiveRanking(double[] values, boolean[] stale) {
            double[] live = new double[values.length];
            int count = 0;
            for (int i = 0; i < values.length; i++) {
                if (!stale[i]) {
                    live[count++] = values[i];
                }
            }
            sorted = Arrays.copyOf(live, count);
            Arrays.sort(sorted);
        }

        int live() {
            return sorted.length;
        }

        double percentile(double value) {
            int n = sorted.length;
            return n <= 1 ? 100.0 : Math.min(100.0, 100.0 * lowerBound(value) / (n - 1));
        }

        int above(double value) {
            return sorted.length - upperBound(value);
        }

        private int lowerBound(double value) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private int upperBound(double value) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
