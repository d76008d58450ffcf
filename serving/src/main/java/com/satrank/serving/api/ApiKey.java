package com.satrank.serving.api;

import com.satrank.model.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The configured X-API-Key, compared in constant time (both sides hashed first, so the length of
 * the secret leaks nothing either). An empty configured key matches nothing.
 */
public final class ApiKey {
    private final byte[] digest;

    private ApiKey(byte[] digest) {
        this.digest = digest;
    }

    public static ApiKey of(String configured) {
        return new ApiKey(configured == null || configured.isEmpty() ? null : Sha256.of(configured));
    }

    public boolean matches(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, Sha256.of(presented));
    }

    /** A stable, non-reversible name for whoever holds this key (first 8 bytes of its hash). */
    public String holderId() {
        return digest == null ? "" : "key:" + HexFormat.of().formatHex(digest, 0, 8);
    }
}
