package com.satrank.lndsim;

import java.nio.file.Path;

/**
 * How to run the simulated LND. {@code graphFile} set: serve that lncli describegraph JSON, its
 * timestamps shifted to the sim's clock unless {@code keepTimestamps} (see {@link DescribeGraphFile});
 * otherwise generate {@code nodes}/{@code channels} from {@code seed} and let it evolve.
 */
public record LndSimSettings(String host, int port, Path dir, long seed, int nodes, int channels, Path graphFile,
                             boolean keepTimestamps, int merchants) {
    public static final int DEFAULT_NODES = 15_000;
    public static final int DEFAULT_CHANNELS = 50_000;

    public LndSimSettings(String host, int port, Path dir, long seed, int nodes, int channels, Path graphFile) {
        this(host, port, dir, seed, nodes, channels, graphFile, false, 0);
    }

    public LndSimSettings(String host, int port, Path dir, long seed, int nodes, int channels, Path graphFile,
                          boolean keepTimestamps) {
        this(host, port, dir, seed, nodes, channels, graphFile, keepTimestamps, 0);
    }

    /** The same sim with the first {@code count} graph nodes keyed as merchants of an L402 economy. */
    public LndSimSettings withMerchants(int count) {
        return new LndSimSettings(host, port, dir, seed, nodes, channels, graphFile, keepTimestamps, count);
    }

    public LndSimSettings {
        if (nodes < 2 || channels < 1) {
            throw new IllegalArgumentException("lnd-sim needs at least 2 nodes and 1 channel");
        }
        if (channels < nodes - 1) {
            throw new IllegalArgumentException("lnd-sim needs at least nodes-1 channels so every node has one");
        }
        if (merchants < 0 || merchants > nodes) {
            throw new IllegalArgumentException("merchants must be between 0 and the node count");
        }
    }
}
