package com.satrank.model.amount;

import java.util.Arrays;

/**
 * How the chance of a payment falls as its amount approaches the recipient's largest enabled
 * channel: a non-increasing function L of x = amount / largest enabled channel, learned at every
 * pass from the probes of all tiers across all nodes (see {@code AmountModel} in the pipeline), in
 * bins of z = log10(x / (1 − x)). For small x, z is log10 x; near x = 1 it stretches, so the part
 * where L changes fastest gets the most bins (a log10 x scale put everything above x = 0.56 into one
 * bin, and its interval missed there). A single-part payment must fit through one channel into the
 * recipient, so x ≥ 1 cannot succeed: L = 0 there, whatever the evidence. Below
 * {@link #PINNED_BELOW} (x ≈ 0.3 % of the channel) L is 1 by definition: the node's reliability is
 * what a small payment meets, and fixing the scale there is what lets reliability and liquidity be
 * told apart.
 */
public final class LiquidityCurve {
    public static final double MIN_Z = -6.0;
    public static final double BIN_WIDTH = 0.25;
    /** The last bin is open: it holds every x above 10^1.25 / (1 + 10^1.25) ≈ 0.947. */
    public static final int BINS = 30;
    public static final double PINNED_BELOW = -2.5;

    private final double[] knots;
    private final double[] values;
    private final double[] lows;
    private final double[] highs;

    /** A curve with its knots at the bin centres, known exactly. */
    public LiquidityCurve(double[] values) {
        this(centres(), values, values, values);
    }

    /**
     * A curve through ({@code knots[b]}, {@code values[b]}): one knot per bin, inside it, where the
     * evidence of that bin lay on average (the centre for a bin without evidence). A bin's fitted value
     * is the liquidity of the amounts seen in it, and those crowd to one side of a bin where channels
     * are unevenly spread; put at the centre it drew the curve too high where L falls fast.
     */
    public LiquidityCurve(double[] knots, double[] values, double[] lows, double[] highs) {
        if (values.length != BINS || knots.length != BINS || lows.length != BINS || highs.length != BINS) {
            throw new IllegalArgumentException("a liquidity curve has " + BINS + " bins, not " + values.length);
        }
        for (int b = 0; b < BINS; b++) {
            double v = values[b];
            if (!(v >= 0 && v <= 1) || b > 0 && v > values[b - 1] + 1e-12) {
                throw new IllegalArgumentException("liquidity must be non-increasing within [0, 1]: " + Arrays.toString(values));
            }
            if (!(lows[b] >= 0 && lows[b] <= v + 1e-12 && highs[b] >= v - 1e-12 && highs[b] <= 1)) {
                throw new IllegalArgumentException("bin " + b + ": bounds [" + lows[b] + ", " + highs[b]
                        + "] must hold " + v + " within [0, 1]");
            }
            double lower = b == 0 ? Double.NEGATIVE_INFINITY : MIN_Z + BIN_WIDTH * b - 1e-9;
            double upper = b == BINS - 1 ? Double.POSITIVE_INFINITY : MIN_Z + BIN_WIDTH * (b + 1) + 1e-9;
            if (!(knots[b] >= lower && knots[b] <= upper) || b > 0 && knots[b] < knots[b - 1]) {
                throw new IllegalArgumentException("knot " + b + " outside its bin: " + knots[b]);
            }
        }
        this.knots = knots.clone();
        this.values = values.clone();
        this.lows = lows.clone();
        this.highs = highs.clone();
    }

    private static double[] centres() {
        double[] c = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            c[b] = centre(b);
        }
        return c;
    }

    /** L = 1 below the channel size, 0 at or above it: what holds before any probe of a larger tier. */
    public static LiquidityCurve flat() {
        double[] v = new double[BINS];
        Arrays.fill(v, 1.0);
        return new LiquidityCurve(v);
    }

    /** The curve's coordinate of x = {@code amountSat} / {@code maxChannelSat}, for 0 < amount < channel. */
    public static double z(long amountSat, long maxChannelSat) {
        return Math.log10(amountSat / (double) (maxChannelSat - amountSat));
    }

    /** The bin of z, or -1 below the first. */
    public static int bin(double z) {
        if (z < MIN_Z) {
            return -1;
        }
        return Math.min(BINS - 1, (int) Math.floor((z - MIN_Z) / BIN_WIDTH));
    }

    public static double centre(int bin) {
        return MIN_Z + BIN_WIDTH * (bin + 0.5);
    }

    /** x = amount / channel at coordinate {@code z}. */
    public static double ratio(double z) {
        double e = Math.pow(10, z);
        return e / (1 + e);
    }

    /** The coordinate of x = amount / channel, 0 < x < 1. */
    public static double zOfRatio(double ratio) {
        return Math.log10(ratio / (1 - ratio));
    }

    /** Whether bin {@code b} lies wholly where L is 1 by definition. */
    public static boolean pinned(int bin) {
        return MIN_Z + BIN_WIDTH * (bin + 1) <= PINNED_BELOW + 1e-12;
    }

    /** L for a payment of {@code amountSat} to a node whose largest enabled channel is {@code maxChannelSat}. */
    public double at(long amountSat, long maxChannelSat) {
        if (maxChannelSat <= 0 || amountSat >= maxChannelSat) {
            return 0.0;
        }
        if (amountSat <= 0) {
            return 1.0;
        }
        return atZ(values, z(amountSat, maxChannelSat));
    }

    /**
     * The 95 % interval of L for this amount ({lower, upper}), between the knots' likelihood-ratio
     * intervals. The curve is estimated, most loosely at its far end where few payments pass; an
     * interval for p that took it as known was too narrow there (86–94 % coverage at 1 M sat).
     */
    public double[] band(long amountSat, long maxChannelSat) {
        if (maxChannelSat <= 0 || amountSat >= maxChannelSat) {
            return new double[] {0.0, 0.0};
        }
        if (amountSat <= 0) {
            return new double[] {1.0, 1.0};
        }
        double z = z(amountSat, maxChannelSat);
        return new double[] {atZ(lows, z), atZ(highs, z)};
    }

    /** L at coordinate z. */
    public double atZ(double z) {
        return atZ(values, z);
    }

    /** Piecewise linear in z between knots, level beyond the first and last. */
    private double atZ(double[] values, double z) {
        if (z <= knots[0]) {
            return values[0];
        }
        if (z >= knots[BINS - 1]) {
            return values[BINS - 1];
        }
        int hi = 1;
        while (knots[hi] < z) {
            hi++;
        }
        int lo = hi - 1;
        double span = knots[hi] - knots[lo];
        double t = span <= 0 ? 1 : (z - knots[lo]) / span;
        return values[lo] * (1 - t) + values[hi] * t;
    }

    public double knot(int bin) {
        return knots[bin];
    }

    /** The lower end of the 95 % interval of L at {@code bin}'s knot. */
    public double low(int bin) {
        return lows[bin];
    }

    public double high(int bin) {
        return highs[bin];
    }

    public double value(int bin) {
        return values[bin];
    }

    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiquidityCurve other && Arrays.equals(values, other.values) && Arrays.equals(knots, other.knots)
                && Arrays.equals(lows, other.lows) && Arrays.equals(highs, other.highs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(values), Arrays.hashCode(knots), Arrays.hashCode(lows),
                Arrays.hashCode(highs)});
    }

    @Override
    public String toString() {
        return "LiquidityCurve" + Arrays.toString(values) + " at " + Arrays.toString(knots) + " within "
                + Arrays.toString(lows) + " – " + Arrays.toString(highs);
    }
}
