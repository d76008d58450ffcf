package com.satrank.bolt11;

import java.math.BigInteger;
import java.util.List;

/**
 * A decoded, signature-checked BOLT 11 invoice. {@code payee} is the key that signed it: the
 * {@code n} field when present (then the signature was verified against it), otherwise the key
 * recovered from the signature. Byte arrays are owned by the record; amounts in millisatoshis.
 */
public record Bolt11Invoice(String raw, String currency, Long amountMsat, long timestamp, byte[] paymentHash,
                            byte[] paymentSecret, String description, byte[] descriptionHash, byte[] payee,
                            long expirySeconds, int minFinalCltvExpiry, BigInteger features, byte[] metadata,
                            List<TaggedField> fields) {
    public static final long DEFAULT_EXPIRY_SECONDS = 3600;
    public static final int DEFAULT_MIN_FINAL_CLTV = 18;

    /** One tagged field as it appeared, in 5-bit groups, so an invoice can be re-encoded exactly. */
    public record TaggedField(int type, byte[] data) {
    }

    public boolean isExpiredAt(long unixSeconds) {
        return unixSeconds > timestamp + expirySeconds;
    }
}
