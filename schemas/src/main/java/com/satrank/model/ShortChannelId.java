package com.satrank.model;

/**
 * BOLT 7 short channel id: block height (3 bytes), transaction index (3 bytes), output index (2 bytes)
 * packed in an unsigned 64-bit value, which is what LND calls chan_id / channel_id.
 */
public record ShortChannelId(long value) implements Comparable<ShortChannelId> {

    public static ShortChannelId of(int blockHeight, int txIndex, int outputIndex) {
        if (blockHeight < 0 || blockHeight > 0xFFFFFF || txIndex < 0 || txIndex > 0xFFFFFF
                || outputIndex < 0 || outputIndex > 0xFFFF) {
            throw new IllegalArgumentException("short channel id component out of range");
        }
        return new ShortChannelId(((long) blockHeight << 40) | ((long) txIndex << 16) | outputIndex);
    }

    /** Parses LND's decimal form or the BOLT 7 "HxTxO" form. */
    public static ShortChannelId parse(String text) {
        String[] parts = text.split("x");
        if (parts.length == 3) {
            return of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
        return new ShortChannelId(Long.parseUnsignedLong(text));
    }

    public int blockHeight() {
        return (int) (value >>> 40);
    }

    public int txIndex() {
        return (int) ((value >>> 16) & 0xFFFFFF);
    }

    public int outputIndex() {
        return (int) (value & 0xFFFF);
    }

    @Override
    public int compareTo(ShortChannelId o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return blockHeight() + "x" + txIndex() + "x" + outputIndex();
    }
}
