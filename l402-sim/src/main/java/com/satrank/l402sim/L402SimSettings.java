package com.satrank.l402sim;

/**
 * How to run the economy: {@code endpoints} endpoints on {@code hosts} HTTP servers bound to
 * {@code bindHost} (ports from {@code firstPort}, or free ports when 0), drawn from {@code seed};
 * {@code maxLatencyMs} caps the simulated service latency (the demo keeps it small).
 */
public record L402SimSettings(String bindHost, int firstPort, int hosts, int endpoints, long seed, int maxLatencyMs) {
    public static final int DEFAULT_HOSTS = 6;
    public static final int DEFAULT_ENDPOINTS = 300;

    public L402SimSettings {
        if (hosts < 1 || hosts > 64) {
            throw new IllegalArgumentException("l402-sim hosts must be 1..64");
        }
        if (endpoints < 1 || endpoints > 100_000) {
            throw new IllegalArgumentException("l402-sim endpoints must be 1..100000");
        }
        if (firstPort < 0 || firstPort + hosts > 65_536) {
            throw new IllegalArgumentException("l402-sim ports out of range");
        }
        if (maxLatencyMs < 0) {
            throw new IllegalArgumentException("l402-sim maxLatencyMs must not be negative");
        }
    }
}
