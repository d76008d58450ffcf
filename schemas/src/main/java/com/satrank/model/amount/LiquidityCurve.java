package com.satrank.model.amount;

import java.util.Arrays;

/**
 * How the chance of a payment falls as its amount approaches the recipient's largest enabled
 * channel: a non-increasing function L of x = amount / largest enabled channel, learned at every
 * pass from the probes of all tiers across all nodes (see {@code AmountModel} in the pipeline), in
 * bins of log10 x. A single-part payment must fit through one channel into the recipient, so
 * x ≥ 1 cannot succeed: L = 0 there, whatever the evidence. Below {@link #PINNED_BELOW_LOG10}
 * (0.3 % of the channel) L is 1 by definition: the node's reliability is what a small payment meets,
 * and fixing the scale there is what lets reliability and liquidity be told apart.
 */
public final class LiquidityCurve {
    public static final double MIN_LOG10 = -6.0;
    public static final double BIN_WIDTH = 0.25;
    public static final int BINS = 24;
    public static final double PINNED_BELOW_LOG10 = -2.5;
    /**
     * How far either side of an amount {@link #band} looks, in log10 x: the interval's one tuning
     * constant (an eighth of a bin over-covered at 1 M sat, a twelfth under-covered; docs/scoring.md §4).
     */
    static final double BAND = BIN_WIDTH / 10;

    private final double[] values;

    public LiquidityCurve(double[] values) {
        if (values.length != BINS) {
            throw new IllegalArgumentException("a liquidity curve has " + BINS + " bins, not " + values.length);
        }
        for (int b = 0; b < BINS; b++) {
            double v = values[b];
            if (!(v >= 0 && v <= 1) || b > 0 && v > values[b - 1] + 1e-12) {
                throw new IllegalArgumentException("liquidity must be non-increasing within [0, 1]: " + Arrays.toString(values));
            }
        }
        this.values = values.clone();
    }

    /** L = 1 below the channel size, 0 at or above it: what holds before any probe of a larger tier. */
    public static LiquidityCurve flat() {
        double[] v = new double[BINS];
        Arrays.fill(v, 1.0);
        return new LiquidityCurve(v);
    }

    /** The bin of log10 x, or -1 below the first and BINS at or above x = 1. */
    public static int bin(double log10Ratio) {
        if (log10Ratio >= 0) {
            return BINS;
        }
        if (log10Ratio < MIN_LOG10) {
            return -1;
        }
        return Math.min(BINS - 1, (int) Math.floor((log10Ratio - MIN_LOG10) / BIN_WIDTH));
    }

    public static double centre(int bin) {
        return MIN_LOG10 + BIN_WIDTH * (bin + 0.5);
    }

    /** Whether bin {@code b} lies wholly where L is 1 by definition. */
    public static boolean pinned(int bin) {
        return MIN_LOG10 + BIN_WIDTH * (bin + 1) <= PINNED_BELOW_LOG10 + 1e-12;
    }

    /** L for a payment of {@code amountSat} to a node whose largest enabled channel is {@code maxChannelSat}. */
    public double at(long amountSat, long maxChannelSat) {
        if (maxChannelSat <= 0 || amountSat >= maxChannelSat) {
            return 0.0;
        }
        if (amountSat <= 0) {
            return 1.0;
        }
        return atLog10(Math.log10(amountSat / (double) maxChannelSat));
    }

    /**
     * The range L may take for this amount ({lower, upper}): its values {@link #BAND} to either side. The
     * curve is known only per bin, and a node's own liquidity strays from the network's; an interval
     * that ignored both would be too narrow where L falls fast.
     */
    public double[] band(long amountSat, long maxChannelSat) {
        if (maxChannelSat <= 0 || amountSat >= maxChannelSat) {
            return new double[] {0.0, 0.0};
        }
        if (amountSat <= 0) {
            return new double[] {1.0, 1.0};
        }
        double lx = Math.log10(amountSat / (double) maxChannelSat);
        return new double[] {atLog10(lx + BAND), atLog10(lx - BAND)};
    }

    /** Piecewise linear in log10 x between bin centres, falling to 0 at x = 1. */
    double atLog10(double lx) {
        if (lx >= 0) {
            return 0.0;
        }
        double first = centre(0);
        if (lx <= first) {
            return values[0];
        }
        double last = centre(BINS - 1);
        if (lx >= last) {
            double t = (lx - last) / (0 - last);
            return values[BINS - 1] * (1 - t);
        }
        double pos = (lx - first) / BIN_WIDTH;
        int lo = (int) Math.floor(pos);
        double t = pos - lo;
        return values[lo] * (1 - t) + values[lo + 1] * t;
    }

    public double value(int bin) {
        return values[bin];
    }

    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiquidityCurve other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LiquidityCurve" + Arrays.toString(values);
    }
}
