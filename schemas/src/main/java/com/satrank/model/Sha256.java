package com.satrank.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every JRE ships; one place instead of a checked exception at every call site. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    public static byte[] of(String utf8) {
        return of(utf8.getBytes(StandardCharsets.UTF_8));
    }
}
