package com.satrank.pipeline.evidence;

import java.util.Arrays;

/**
 * Integer sums per hour of event time, {@code width} of them per hour, in one array over a
 * contiguous range of hours. Evidence arrives in time order and a node is probed every hour or so,
 * so a dense array is both smaller and much faster than a tree of boxed buckets (a month of probes
 * over 15 000 nodes is tens of millions of adds). Hours are visited in ascending order, so sums
 * derived from them are the same in every run.
 */
public final class HourlySums {
    private static final int INITIAL_HOURS = 32;

    private final int width;
    private long firstHour;
    private int hours; // hours covered: [firstHour, firstHour + hours)
    private long[] data = new long[0];

    public HourlySums(int width) {
        this.width = width;
    }

    /** Visits one hour with data; {@code data[offset .. offset + width)} are its sums. */
    public interface Visitor {
        void visit(long hour, long[] data, int offset);
    }

    public void add(long hour, int field, long amount) {
        int index = slot(hour) * width + field; // slot may replace the array: index it afterwards
        data[index] += amount;
    }

    /** Visits the hours from {@code fromHour} to {@code toHour} inclusive that hold anything, oldest first. */
    public void forEach(long fromHour, long toHour, Visitor visitor) {
        if (hours == 0) {
            return;
        }
        long from = Math.max(fromHour, firstHour);
        long to = Math.min(toHour, firstHour + hours - 1);
        for (long hour = from; hour <= to; hour++) {
            int offset = (int) (hour - firstHour) * width;
            if (!isZero(offset)) {
                visitor.visit(hour, data, offset);
            }
        }
    }

    /** Sums of every field over the hours from {@code fromHour} to {@code toHour} inclusive. */
    long[] total(long fromHour, long toHour) {
        long[] total = new long[width];
        forEach(fromHour, toHour, (hour, d, offset) -> {
            for (int i = 0; i < width; i++) {
                total[i] += d[offset + i];
            }
        });
        return total;
    }

    /** Forgets every hour before {@code hour}. */
    public void dropBefore(long hour) {
        if (hours == 0 || hour <= firstHour) {
            return;
        }
        int drop = (int) Math.min(hours, hour - firstHour);
        System.arraycopy(data, drop * width, data, 0, (hours - drop) * width);
        Arrays.fill(data, (hours - drop) * width, hours * width, 0);
        hours -= drop;
        firstHour = hours == 0 ? 0 : firstHour + drop;
    }

    boolean isEmpty() {
        if (hours == 0) {
            return true;
        }
        for (int offset = 0; offset < hours * width; offset += width) {
            if (!isZero(offset)) {
                return false;
            }
        }
        return true;
    }

    private boolean isZero(int offset) {
        for (int i = 0; i < width; i++) {
            if (data[offset + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code hour}, growing the range (at either end) to hold it. */
    private int slot(long hour) {
        if (hours == 0) {
            firstHour = hour;
            hours = 1;
            if (data.length == 0) {
                data = new long[INITIAL_HOURS * width];
            }
            return 0;
        }
        if (hour < firstHour) {
            int extra = (int) (firstHour - hour);
            long[] grown = new long[Math.max(data.length, (hours + extra) * width * 2)];
            System.arraycopy(data, 0, grown, extra * width, hours * width);
            data = grown;
            firstHour = hour;
            hours += extra;
            return 0;
        }
        long index = hour - firstHour;
        if (index >= hours) {
            int needed = (int) (index + 1);
            if (needed * width > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, needed * width));
            }
            hours = needed;
        }
        return (int) index;
    }
}
