package com.satrank.graph;

import com.satrank.events.v1.GraphChannel;
import com.satrank.events.v1.GraphNode;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Collection;

/**
 * An order-independent digest of a graph: the sum modulo 2^256 of SHA-256("N" ‖ node encoding) over
 * nodes and SHA-256("C" ‖ channel encoding) over channels. Because it is a sum, replacing or
 * removing one element changes it by that element's term alone, so a reader verifies a delta
 * against the graph it applies to at the cost of the delta, not of the whole graph (the canonical
 * {@link GraphDigest} costs a sort and a hash of every element per snapshot, which dominated a
 * month-long replay). It detects a delta applied to the wrong base or a lost batch, which is its
 * job; it is not meant to resist someone forging log entries. Mutable; one instance is not for several threads.
 */
public final class GraphSum {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
    private static final byte NODE_TAG = 'N';
    private static final byte CHANNEL_TAG = 'C';

    private static final ThreadLocal<MessageDigest> PER_THREAD =
            ThreadLocal.withInitial(com.satrank.model.Sha256::digest);

    private BigInteger sum;

    private GraphSum(BigInteger sum) {
        this.sum = sum;
    }

    public static GraphSum empty() {
        return new GraphSum(BigInteger.ZERO);
    }

    /** The sum of a whole graph, on all cores (addition commutes, so the result does not depend on the split). */
    public static GraphSum of(Collection<GraphNode> nodes, Collection<GraphChannel> channels) {
        BigInteger sum = nodes.parallelStream().map(n -> term(NODE_TAG, n.toByteArray()))
                .reduce(BigInteger.ZERO, BigInteger::add)
                .add(channels.parallelStream().map(c -> term(CHANNEL_TAG, c.toByteArray()))
                        .reduce(BigInteger.ZERO, BigInteger::add));
        return new GraphSum(sum.mod(MODULUS));
    }

    public GraphSum copy() {
        return new GraphSum(sum);
    }

    public void add(GraphNode node) {
        sum = sum.add(term(NODE_TAG, node.toByteArray())).mod(MODULUS);
    }

    public void remove(GraphNode node) {
        sum = sum.subtract(term(NODE_TAG, node.toByteArray())).mod(MODULUS);
    }

    public void add(GraphChannel channel) {
        sum = sum.add(term(CHANNEL_TAG, channel.toByteArray())).mod(MODULUS);
    }

    public void remove(GraphChannel channel) {
        sum = sum.subtract(term(CHANNEL_TAG, channel.toByteArray())).mod(MODULUS);
    }

    /** 32 bytes, big-endian. */
    public byte[] toBytes() {
        byte[] raw = sum.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static BigInteger term(byte tag, byte[] encoding) {
        MessageDigest sha = PER_THREAD.get();
        sha.update(tag);
        return new BigInteger(1, sha.digest(encoding));
    }
}
