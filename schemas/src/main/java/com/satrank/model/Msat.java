package com.satrank.model;

/** An amount in millisatoshis; never negative. */
public record Msat(long value) implements Comparable<Msat> {
    public Msat {
        if (value < 0) {
            throw new IllegalArgumentException("msat amount must be >= 0, got " + value);
        }
    }

    public static Msat ofSat(long sat) {
        return new Msat(Math.multiplyExact(sat, 1000L));
    }

    /** Whole satoshis, rounded down. */
    public long toSat() {
        return value / 1000L;
    }

    /** Whole satoshis, rounded up: what a fee in msat costs a wallet counting in sats. */
    public long toSatCeil() {
        return Math.floorDiv(value + 999L, 1000L);
    }

    @Override
    public int compareTo(Msat o) {
        return Long.compare(value, o.value);
    }
}
