package com.satrank.model;

/** An amount in whole satoshis; never negative. */
public record Sat(long value) implements Comparable<Sat> {
    public Sat {
        if (value < 0) {
            throw new IllegalArgumentException("sat amount must be >= 0, got " + value);
        }
    }

    public Msat toMsat() {
        return Msat.ofSat(value);
    }

    public Sat plus(Sat other) {
        return new Sat(Math.addExact(value, other.value));
    }

    @Override
    public int compareTo(Sat o) {
        return Long.compare(value, o.value);
    }
}
