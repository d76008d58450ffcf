package com.satrank.lndsim;

import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.Feature;
import com.satrank.lnd.lnrpc.LightningNode;
import com.satrank.lnd.lnrpc.NodeAddress;
import com.satrank.lnd.lnrpc.RoutingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a seeded synthetic channel graph shaped like mainnet: Pareto-distributed node "pull" gives
 * a heavy-tailed degree distribution (a few hubs with thousands of channels, most nodes with one or
 * two), log-normal capacities, the fee policies operators actually set, a share of disabled and
 * one-sided channels, and dead nodes that stopped announcing weeks ago. Same seed, same graph.
 */
public final class SimGraphGenerator {
    static final double DEAD_NODE_SHARE = 0.05;
    static final double DISABLED_POLICY_SHARE = 0.04;
    static final double MISSING_POLICY_SHARE = 0.03;
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] WORDS = {"satoshi", "lightning", "bolt", "node", "zap", "hodl", "orange",
        "stack", "sats", "moon", "river", "forest", "ocean", "falcon", "tiger", "wolf", "pleb", "citadel",
        "nakamoto", "ln", "block", "hash", "relay", "router", "signal", "amboss", "voltage", "acinq", "phoenix",
        "breez", "muun", "fountain", "pool", "loop", "wos", "kraken", "bitrefill", "boltz", "deezy", "lnbig"};
    private static final int[] COMMON_FEATURES = {0, 5, 7, 9, 12, 14, 17, 23, 27, 45, 47, 51, 55};

    private final SplittableRandom random;
    private final Random gaussian;
    private final Instant now;

    public SimGraphGenerator(long seed, Instant now) {
        this.random = new SplittableRandom(seed);
        this.gaussian = new Random(seed * 31 + 7);
        this.now = now;
    }

    public SimGraph generate(int nodeCount, int channelCount, byte[] ownPubkey) {
        return generate(nodeCount, channelCount, ownPubkey, List.of());
    }

    /**
     * As {@link #generate(int, int, byte[])}, with the first nodes announcing {@code merchantPubkeys}
     * instead of random keys (the sim holds their private keys, so they can sign invoices); every
     * other draw is the same, so the rest of the graph does not change.
     */
    public SimGraph generate(int nodeCount, int channelCount, byte[] ownPubkey, List<byte[]> merchantPubkeys) {
        List<LightningNode> nodes = new ArrayList<>(nodeCount + 1);
        double[] pull = new double[nodeCount + 1];
        boolean[] dead = new boolean[nodeCount + 1];
        Set<String> pubkeys = new HashSet<>();
        nodes.add(node(HEX.formatHex(ownPubkey), "satrank-sim-lnd", false));
        pubkeys.add(nodes.get(0).getPubKey());
        pull[0] = 50;
        for (int i = 1; i <= nodeCount; i++) {
            String pub;
            do {
                pub = randomPubkeyHex();
                if (i <= merchantPubkeys.size()) {
                    pub = HEX.formatHex(merchantPubkeys.get(i - 1));
                }
            } while (!pubkeys.add(pub));
            dead[i] = random.nextDouble() < DEAD_NODE_SHARE;
            nodes.add(node(pub, alias(i), dead[i]));
            pull[i] = Math.min(4000.0, Math.pow(1.0 - random.nextDouble(), -1.0 / 1.15));
        }
        double[] cumulative = cumulative(pull);
        Map<Long, ChannelEdge> edges = new LinkedHashMap<>();
        // Every node gets one channel first (nodes without channels are pruned by LND), then the
        // rest go to pairs drawn by pull, which is what makes the hubs.
        for (int i = 1; i <= nodeCount && edges.size() < channelCount; i++) {
            int peer = pick(cumulative, i);
            addChannel(edges, nodes, dead, i, peer);
        }
        while (edges.size() < channelCount) {
            int a = pick(cumulative, -1);
            int b = pick(cumulative, a);
            addChannel(edges, nodes, dead, a, b);
        }
        return new SimGraph(nodes, edges, now);
    }

    /** A fresh channel between two existing nodes, for the graph's evolution over time. */
    ChannelEdge newChannel(LightningNode a, LightningNode b, boolean deadEnd, Set<Long> taken) {
        long scid;
        do {
            scid = scid();
        } while (!taken.add(scid));
        long capacity = capacity();
        ChannelEdge.Builder edge = ChannelEdge.newBuilder()
                .setChannelId(scid)
                .setChanPoint(randomHex(32) + ":" + (scid & 0xFFFF))
                .setNode1Pub(a.getPubKey().compareTo(b.getPubKey()) < 0 ? a.getPubKey() : b.getPubKey())
                .setNode2Pub(a.getPubKey().compareTo(b.getPubKey()) < 0 ? b.getPubKey() : a.getPubKey())
                .setCapacity(capacity);
        if (random.nextDouble() >= MISSING_POLICY_SHARE) {
            edge.setNode1Policy(policy(capacity, deadEnd));
        }
        if (random.nextDouble() >= MISSING_POLICY_SHARE) {
            edge.setNode2Policy(policy(capacity, deadEnd));
        }
        return edge.build();
    }

    RoutingPolicy policy(long capacitySat, boolean dead) {
        double roll = random.nextDouble();
        long baseFee = roll < 0.55 ? 1000 : roll < 0.85 ? 0 : random.nextLong(1, 5001);
        double rateRoll = random.nextDouble();
        long feeRate = rateRoll < 0.10 ? 1 : rateRoll < 0.15 ? 0
                : Math.min(5000, Math.round(Math.exp(Math.log(150) + 1.1 * gaussian.nextGaussian())));
        int[] deltas = {40, 80, 144, 144, 40, 18, 34};
        long lastUpdate = dead ? now.getEpochSecond() - random.nextLong(30 * 86400L, 90 * 86400L)
                : now.getEpochSecond() - random.nextLong(3600, 10 * 86400L);
        return RoutingPolicy.newBuilder()
                .setTimeLockDelta(deltas[random.nextInt(deltas.length)])
                .setMinHtlc(random.nextDouble() < 0.8 ? 1000 : 1)
                .setFeeBaseMsat(baseFee)
                .setFeeRateMilliMsat(feeRate)
                .setDisabled(dead || random.nextDouble() < DISABLED_POLICY_SHARE)
                .setMaxHtlcMsat(capacitySat * 990)
                .setLastUpdate((int) lastUpdate)
                .build();
    }

    private void addChannel(Map<Long, ChannelEdge> edges, List<LightningNode> nodes, boolean[] dead, int a, int b) {
        Set<Long> taken = edges.keySet();
        ChannelEdge edge = newChannel(nodes.get(a), nodes.get(b), dead[a] || dead[b], new HashSet<>(0));
        while (taken.contains(edge.getChannelId())) {
            edge = edge.toBuilder().setChannelId(scid()).build();
        }
        edges.put(edge.getChannelId(), edge);
    }

    private LightningNode node(String pubkey, String alias, boolean dead) {
        long lastUpdate = dead ? now.getEpochSecond() - random.nextLong(20 * 86400L, 120 * 86400L)
                : now.getEpochSecond() - random.nextLong(600, 3 * 86400L);
        LightningNode.Builder b = LightningNode.newBuilder()
                .setPubKey(pubkey)
                .setAlias(alias)
                .setColor(String.format("#%06x", random.nextInt(0x1000000)))
                .setLastUpdate((int) lastUpdate);
        if (random.nextDouble() < 0.6) {
            b.addAddresses(NodeAddress.newBuilder().setNetwork("tcp").setAddr(random.nextInt(1, 224) + "."
                    + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255) + ":9735"));
        }
        if (random.nextDouble() < 0.5) {
            b.addAddresses(NodeAddress.newBuilder().setNetwork("tcp").setAddr(onion() + ":9735"));
        }
        for (int bit : COMMON_FEATURES) {
            if (random.nextDouble() < 0.85) {
                b.putFeatures(bit, Feature.newBuilder().setName("feature-" + bit)
                        .setIsRequired(bit % 2 == 0).setIsKnown(true).build());
            }
        }
        return b.build();
    }

    private String alias(int i) {
        if (random.nextDouble() < 0.08) {
            return "";
        }
        String a = WORDS[random.nextInt(WORDS.length)];
        String b = WORDS[random.nextInt(WORDS.length)];
        return random.nextDouble() < 0.5 ? a + "-" + b : a + b + (i % 1000);
    }

    long capacity() {
        double sat = Math.exp(Math.log(2_000_000) + 1.4 * gaussian.nextGaussian());
        return Math.max(20_000L, Math.min(500_000_000L, Math.round(sat / 1000.0) * 1000L));
    }

    private long scid() {
        int height = random.nextInt(505_000, 870_000);
        int tx = random.nextInt(1, 3500);
        int out = random.nextInt(0, 3);
        return ((long) height << 40) | ((long) tx << 16) | out;
    }

    String randomPubkeyHex() {
        return (random.nextBoolean() ? "02" : "03") + randomHex(32);
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }

    private String onion() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder sb = new StringBuilder(62);
        for (int i = 0; i < 56; i++) {
            sb.append(alphabet.charAt(random.nextInt(32)));
        }
        return sb.append(".onion").toString();
    }

    SplittableRandom random() {
        return random;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    private int pick(double[] cumulative, int exclude) {
        while (true) {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo != exclude) {
                return lo;
            }
        }
    }
}
