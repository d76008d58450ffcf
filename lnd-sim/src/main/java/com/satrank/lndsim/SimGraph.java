package com.satrank.lndsim;

import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.ChannelGraph;
import com.satrank.lnd.lnrpc.LightningNode;
import com.satrank.lnd.lnrpc.NodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The simulated network's channel graph as LND would describe it. When evolving, it changes in
 * fixed ticks of simulated time (channels open and close, fees move, nodes re-announce), each tick
 * drawn from its own seeded random stream, so the graph at a given time is the same on every run.
 */
public final class SimGraph {
    static final Duration TICK = Duration.ofMinutes(1);

    private final List<LightningNode> nodes;
    private final Map<String, Integer> nodeIndex = new java.util.HashMap<>();
    private final Map<Long, ChannelEdge> edges;
    private final Instant start;
    private long seed;
    private boolean evolving;
    private long ticksApplied;
    private Map<String, List<ChannelEdge>> channelIndex;
    private long channelIndexTick = -1;

    SimGraph(List<LightningNode> nodes, Map<Long, ChannelEdge> edges, Instant start) {
        this.nodes = new ArrayList<>(nodes);
        this.edges = new LinkedHashMap<>(edges);
        this.start = start;
        for (int i = 0; i < this.nodes.size(); i++) {
            nodeIndex.put(this.nodes.get(i).getPubKey(), i);
        }
    }

    /** A static graph (e.g. loaded from an lncli describegraph file) until this is called. */
    public SimGraph evolving(long evolutionSeed) {
        this.seed = evolutionSeed;
        this.evolving = true;
        return this;
    }

    public synchronized ChannelGraph describe(Instant now) {
        evolveTo(now);
        return ChannelGraph.newBuilder().addAllNodes(nodes).addAllEdges(edges.values()).build();
    }

    /** The graph at {@code now}, wrapped for callers outside the LND adapter (benchmarks). */
    public com.satrank.lndclient.DescribedGraph describedAt(Instant now) {
        return new com.satrank.lndclient.DescribedGraph(describe(now));
    }

    public synchronized Optional<NodeInfo> nodeInfo(String pubkey, boolean includeChannels, Instant now) {
        evolveTo(now);
        Integer index = nodeIndex.get(pubkey);
        if (index == null) {
            return Optional.empty();
        }
        NodeInfo.Builder info = NodeInfo.newBuilder().setNode(nodes.get(index));
        long capacity = 0;
        int count = 0;
        for (ChannelEdge edge : edges.values()) {
            if (edge.getNode1Pub().equals(pubkey) || edge.getNode2Pub().equals(pubkey)) {
                count++;
                capacity += edge.getCapacity();
                if (includeChannels) {
                    info.addChannels(edge);
                }
            }
        }
        return Optional.of(info.setNumChannels(count).setTotalCapacity(capacity).build());
    }

    /** What routing to a node needs: its channels that can forward, and whether it is dead. */
    public record Target(String pubkey, boolean dead, long maxEnabledChannelSat, List<ChannelEdge> enabledChannels) {
    }

    /** A node stops announcing when it is gone; two weeks of silence is LND's own pruning horizon. */
    static final Duration DEAD_AFTER = Duration.ofDays(14);

    public synchronized Optional<Target> target(String pubkey, Instant now) {
        evolveTo(now);
        Integer index = nodeIndex.get(pubkey);
        if (index == null) {
            return Optional.empty();
        }
        boolean dead = isDead(nodes.get(index));
        List<ChannelEdge> enabled = new ArrayList<>();
        long max = 0;
        for (ChannelEdge edge : channelsOf(pubkey)) {
            boolean open = (edge.hasNode1Policy() && !edge.getNode1Policy().getDisabled())
                    || (edge.hasNode2Policy() && !edge.getNode2Policy().getDisabled());
            if (open) {
                enabled.add(edge);
                max = Math.max(max, edge.getCapacity());
            }
        }
        return Optional.of(new Target(pubkey, dead, max, enabled));
    }

    /**
     * A node's channels in the graph's channel order, from an index rebuilt whenever a tick changed
     * the graph: routing asks for its target on every probe, and a scan of all channels each time made
     * large simulated runs slow.
     */
    private List<ChannelEdge> channelsOf(String pubkey) {
        if (channelIndex == null || channelIndexTick != ticksApplied) {
            Map<String, List<ChannelEdge>> index = new java.util.HashMap<>();
            for (ChannelEdge edge : edges.values()) {
                index.computeIfAbsent(edge.getNode1Pub(), k -> new ArrayList<>()).add(edge);
                if (!edge.getNode2Pub().equals(edge.getNode1Pub())) {
                    index.computeIfAbsent(edge.getNode2Pub(), k -> new ArrayList<>()).add(edge);
                }
            }
            channelIndex = index;
            channelIndexTick = ticksApplied;
        }
        return channelIndex.getOrDefault(pubkey, List.of());
    }

    /** Every node pubkey, in graph order (for truth exports). */
    public synchronized List<String> pubkeys() {
        return nodes.stream().map(LightningNode::getPubKey).toList();
    }

    public synchronized int nodeCount() {
        return nodes.size();
    }

    public synchronized int channelCount() {
        return edges.size();
    }

    public synchronized int channelCountOf(String pubkey) {
        int count = 0;
        for (ChannelEdge edge : edges.values()) {
            if (edge.getNode1Pub().equals(pubkey) || edge.getNode2Pub().equals(pubkey)) {
                count++;
            }
        }
        return count;
    }

    private void evolveTo(Instant now) {
        if (!evolving) {
            return;
        }
        long due = Math.max(0, Duration.between(start, now).dividedBy(TICK));
        while (ticksApplied < due) {
            ticksApplied++;
            applyTick(ticksApplied);
        }
    }

    /** Share of channels opened (and as many closed) per simulated day; mainnet is a few tenths of a percent. */
    static final double CHURN_PER_DAY = 0.01;

    private void applyTick(long tick) {
        Instant at = start.plus(TICK.multipliedBy(tick));
        SimGraphGenerator gen = new SimGraphGenerator(seed ^ (tick * 0x9E3779B97F4A7C15L), at);
        SplittableRandom r = gen.random();
        double expected = edges.size() * CHURN_PER_DAY * TICK.toMinutes() / 1440.0;
        int changes = (int) expected + (r.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
        List<Long> ids = new ArrayList<>(edges.keySet());
        for (int i = 0; i < changes && !ids.isEmpty(); i++) {
            edges.remove(ids.get(r.nextInt(ids.size())));
        }
        var taken = new HashSet<>(edges.keySet());
        for (int i = 0; i < changes; i++) {
            LightningNode a = nodes.get(r.nextInt(nodes.size()));
            LightningNode b = nodes.get(r.nextInt(nodes.size()));
            if (!a.getPubKey().equals(b.getPubKey()) && !isDead(a) && !isDead(b)) {
                ChannelEdge edge = gen.newChannel(a, b, false, taken);
                edges.put(edge.getChannelId(), edge);
            }
        }
        // fee updates: three per channel change, at least one every few minutes on a mainnet-sized graph
        ids = new ArrayList<>(edges.keySet());
        int feeUpdates = 3 * changes + (r.nextDouble() < 0.3 ? 1 : 0);
        for (int i = 0; i < feeUpdates && !ids.isEmpty(); i++) {
            long id = ids.get(r.nextInt(ids.size()));
            ChannelEdge edge = edges.get(id);
            if (edge.hasNode1Policy() && !edge.getNode1Policy().getDisabled()) {
                edges.put(id, edge.toBuilder().setNode1Policy(gen.policy(edge.getCapacity(), false)).build());
            }
        }
        // live nodes re-announce now and then; dead ones stay silent
        for (int i = 0; i < Math.max(1, nodes.size() / 2000); i++) {
            int n = r.nextInt(nodes.size());
            if (!isDead(nodes.get(n))) {
                nodes.set(n, nodes.get(n).toBuilder().setLastUpdate((int) at.getEpochSecond()).build());
            }
        }
    }

    private boolean isDead(LightningNode node) {
        return node.getLastUpdate() < start.minus(DEAD_AFTER).getEpochSecond();
    }
}
