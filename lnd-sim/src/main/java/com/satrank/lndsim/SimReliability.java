package com.satrank.lndsim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The hidden truth of the simulated network: how likely a payment of a given amount to a node
 * succeeds. A node's reliability is drawn once from the seed and its pubkey (most nodes good, some
 * flaky, a few bad, dead nodes almost never); liquidity then falls with the amount relative to the
 * node's largest enabled channel. Probes in the sim succeed with exactly this probability, so tests
 * can measure how well scores recover it.
 */
public final class SimReliability {
    private final long seed;

    public SimReliability(long seed) {
        this.seed = seed;
    }

    /** Reliability in [0, 1] independent of amount. */
    public double nodeReliability(String pubkey, boolean dead) {
        if (dead) {
            return 0.02;
        }
        double u = unit(pubkey, 1);
        double v = unit(pubkey, 2);
        if (u < 0.65) {
            return 0.86 + 0.13 * v;
        }
        if (u < 0.88) {
            return 0.45 + 0.40 * v;
        }
        return 0.03 + 0.37 * v;
    }

    /** Probability that a payment of {@code amountSat} reaches the node. */
    public double successProbability(String pubkey, boolean dead, long maxEnabledChannelSat, long amountSat) {
        if (maxEnabledChannelSat <= 0 || amountSat >= maxEnabledChannelSat) {
            return 0.0;
        }
        double liquidity = Math.exp(-amountSat / (0.25 * maxEnabledChannelSat));
        return nodeReliability(pubkey, dead) * liquidity;
    }

    /** A uniform number in [0, 1) fixed by the seed, the key and a salt. */
    double unit(String key, int salt) {
        MessageDigest sha = com.satrank.model.Sha256.digest();
        sha.update(ByteBuffer.allocate(12).putLong(seed).putInt(salt).array());
        sha.update(key.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }
}
