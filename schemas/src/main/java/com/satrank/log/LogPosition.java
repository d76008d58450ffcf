package com.satrank.log;

/**
 * A Chronicle queue index (roll cycle in the high bits, sequence in the low bits). Indexes grow
 * monotonically within a queue, so positions compare as plain longs. {@link #BEFORE_START} means
 * nothing has been read yet.
 */
public record LogPosition(long index) implements Comparable<LogPosition> {
    public static final LogPosition BEFORE_START = new LogPosition(-1L);

    public boolean isAfter(LogPosition other) {
        return index > other.index;
    }

    @Override
    public int compareTo(LogPosition o) {
        return Long.compare(index, o.index);
    }
}
