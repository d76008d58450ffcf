package com.satrank.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** SatRank's public node id: 64 lowercase hex chars, SHA-256 of the pubkey's hex string. */
public record NodeId(String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public NodeId {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("node id must be 64 lowercase hex chars");
        }
    }

    public static NodeId fromHex(String value) {
        return new NodeId(value == null ? null : value.toLowerCase(Locale.ROOT));
    }

    public static boolean isNodeIdHex(String value) {
        return value != null && HEX64.matcher(value).matches();
    }

    @Override
    public String toString() {
        return hex;
    }
}
