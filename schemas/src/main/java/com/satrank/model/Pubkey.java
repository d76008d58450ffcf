package com.satrank.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Lightning node identity: a 33-byte compressed secp256k1 public key. Ordered by its lowercase
 * hex form (which equals unsigned byte order), the order PageRank and every table use.
 */
public final class Pubkey implements Comparable<Pubkey> {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final String hex;

    private Pubkey(byte[] bytes) {
        this.bytes = bytes;
        this.hex = HEX.formatHex(bytes);
    }

    /** Accepts the 66-char hex form, either case. */
    public static Pubkey fromHex(String value) {
        if (value == null) {
            throw new IllegalArgumentException("pubkey is required");
        }
        String lower = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!isPubkeyHex(lower)) {
            throw new IllegalArgumentException(
                    "pubkey must be 66 hex chars starting with 02 or 03, got " + lower.length() + " chars");
        }
        return new Pubkey(HEX.parseHex(lower));
    }

    /** Lowercase only; a loop rather than a regex because ingest checks every pubkey of every snapshot. */
    public static boolean isPubkeyHex(String value) {
        if (value == null || value.length() != 66 || value.charAt(0) != '0'
                || (value.charAt(1) != '2' && value.charAt(1) != '3')) {
            return false;
        }
        for (int i = 2; i < 66; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public static Pubkey fromBytes(byte[] value) {
        if (value == null || value.length != 33 || (value[0] != 2 && value[0] != 3)) {
            throw new IllegalArgumentException("pubkey must be 33 bytes starting with 0x02 or 0x03");
        }
        return new Pubkey(value.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public String hex() {
        return hex;
    }

    /** SatRank's public node id: hex SHA-256 of the lowercase hex pubkey string (the original's agent hash). */
    public NodeId nodeId() {
        return NodeId.fromHex(HEX.formatHex(Sha256.of(hex.getBytes(StandardCharsets.US_ASCII))));
    }

    @Override
    public int compareTo(Pubkey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pubkey p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex;
    }
}
