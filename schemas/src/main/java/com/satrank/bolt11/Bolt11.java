package com.satrank.bolt11;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BOLT 11 payment requests: decoding with every reader check of the spec (checksum, amount and
 * multiplier, field lengths, required payment hash and secret, signature: verified against
 * {@code n} in low-S form, or recovered), and encoding with an RFC 6979 signature. Passes the spec's
 * valid and invalid examples ({@code shared/testdata/bolt11-vectors.json}).
 */
public final class Bolt11 {
    static final int P = 1;
    static final int R = 3;
    static final int FEATURES = 5;
    static final int X = 6;
    static final int F = 9;
    static final int D = 13;
    static final int S = 16;
    static final int N = 19;
    static final int H = 23;
    static final int C = 24;
    static final int M = 27;
    private static final int SIGNATURE_GROUPS = 104;
    private static final int TIMESTAMP_GROUPS = 7;

    private Bolt11() {
    }

    public static Bolt11Invoice decode(String invoice) {
        Bech32.Decoded bech = Bech32.decode(invoice == null ? null : invoice.trim());
        String hrp = bech.hrp();
        byte[] data = bech.data();
        if (!hrp.startsWith("ln")) {
            throw new Bolt11Exception("not a Lightning invoice (prefix must be ln)");
        }
        if (data.length < TIMESTAMP_GROUPS + SIGNATURE_GROUPS) {
            throw new Bolt11Exception("invoice too short");
        }
        String[] currencyAndAmount = splitHrp(hrp.substring(2));
        Long amountMsat = parseAmount(currencyAndAmount[1]);
        int sigStart = data.length - SIGNATURE_GROUPS;
        long timestamp = readInt(data, 0, TIMESTAMP_GROUPS);

        Fields f = new Fields();
        int pos = TIMESTAMP_GROUPS;
        while (pos < sigStart) {
            if (pos + 3 > sigStart) {
                throw new Bolt11Exception("truncated tagged field");
            }
            int type = data[pos];
            int len = data[pos + 1] * 32 + data[pos + 2];
            pos += 3;
            if (pos + len > sigStart) {
                throw new Bolt11Exception("tagged field overruns the signature");
            }
            byte[] payload = Arrays.copyOfRange(data, pos, pos + len);
            pos += len;
            f.add(type, payload);
        }
        if (f.paymentHash == null) {
            throw new Bolt11Exception("missing required payment hash (p field)");
        }
        if (f.paymentSecret == null) {
            throw new Bolt11Exception("missing required payment secret (s field)");
        }

        byte[] sig = Bech32.convertBits(Arrays.copyOfRange(data, sigStart, data.length), 5, 8, false);
        Secp256k1.Signature signature = new Secp256k1.Signature(new BigInteger(1, Arrays.copyOfRange(sig, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)), sig[64]);
        byte[] hash = signedHash(hrp, Arrays.copyOfRange(data, 0, sigStart));
        byte[] payee;
        if (f.payee != null) {
            if (!signature.isLowS()) {
                throw new Bolt11Exception("signature is not in low-S form");
            }
            if (!Secp256k1.verify(hash, signature, f.payee)) {
                throw new Bolt11Exception("signature does not match the payee (n field)");
            }
            payee = f.payee;
        } else {
            // Recovery takes S in its low form, as libsecp256k1-based readers do; the spec's
            // "public-key recovery with high-S signature" example expects exactly that.
            payee = Secp256k1.recoverCompressed(hash, signature.lowS());
            if (payee == null) {
                throw new Bolt11Exception("signature is not recoverable");
            }
        }
        return new Bolt11Invoice(invoice.trim().toLowerCase(java.util.Locale.ROOT), currencyAndAmount[0], amountMsat,
                timestamp, f.paymentHash, f.paymentSecret, f.description, f.descriptionHash, payee,
                f.expiry, f.minFinalCltv, f.features, f.metadata, List.copyOf(f.all));
    }

    /** Signs {@code fields} (in the given order) and encodes the invoice. */
    public static String encode(String hrp, long timestamp, List<Bolt11Invoice.TaggedField> fields,
                                BigInteger privateKey) {
        ByteArrayOutputStream groups = new ByteArrayOutputStream();
        writeInt(groups, timestamp, TIMESTAMP_GROUPS);
        for (Bolt11Invoice.TaggedField field : fields) {
            groups.write(field.type());
            groups.write(field.data().length / 32);
            groups.write(field.data().length % 32);
            groups.writeBytes(field.data());
        }
        byte[] unsigned = groups.toByteArray();
        Secp256k1.Signature sig = Secp256k1.sign(signedHash(hrp, unsigned), privateKey);
        byte[] sig65 = new byte[65];
        copy32(sig.r(), sig65, 0);
        copy32(sig.s(), sig65, 32);
        sig65[64] = (byte) sig.recoveryId();
        groups.writeBytes(Bech32.convertBits(sig65, 8, 5, true));
        return Bech32.encode(hrp, groups.toByteArray());
    }

    /** Builds and signs an invoice with the fields LND writes. */
    public static String create(String currency, Long amountMsat, long timestamp, byte[] paymentHash,
                                byte[] paymentSecret, String description, long expirySeconds, int minFinalCltv,
                                BigInteger privateKey) {
        List<Bolt11Invoice.TaggedField> fields = new ArrayList<>();
        fields.add(bytesField(P, paymentHash));
        fields.add(bytesField(S, paymentSecret));
        fields.add(bytesField(D, description.getBytes(StandardCharsets.UTF_8)));
        fields.add(new Bolt11Invoice.TaggedField(X, intGroups(expirySeconds)));
        fields.add(new Bolt11Invoice.TaggedField(C, intGroups(minFinalCltv)));
        // var_onion_optin (8) and payment_secret (14) required, as LND sets them.
        fields.add(new Bolt11Invoice.TaggedField(FEATURES, Bech32.convertBits(
                BigInteger.ONE.shiftLeft(8).or(BigInteger.ONE.shiftLeft(14)).toByteArray(), 8, 5, true)));
        return encode("ln" + currency + formatAmount(amountMsat), timestamp, fields, privateKey);
    }

    static String formatAmount(Long msat) {
        if (msat == null) {
            return "";
        }
        if (msat <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        long[] factors = {100_000_000_000L, 100_000_000L, 100_000L, 100L};
        String[] suffixes = {"", "m", "u", "n"};
        for (int i = 0; i < factors.length; i++) {
            if (msat % factors[i] == 0) {
                return (msat / factors[i]) + suffixes[i];
            }
        }
        return Math.multiplyExact(msat, 10L) + "p";
    }

    private static String[] splitHrp(String rest) {
        int i = 0;
        while (i < rest.length() && Character.isLetter(rest.charAt(i))) {
            i++;
        }
        String currency = rest.substring(0, i);
        if (currency.isEmpty()) {
            throw new Bolt11Exception("missing currency prefix");
        }
        return new String[] {currency, rest.substring(i)};
    }

    private static Long parseAmount(String amount) {
        if (amount.isEmpty()) {
            return null;
        }
        char last = amount.charAt(amount.length() - 1);
        String digits = Character.isDigit(last) ? amount : amount.substring(0, amount.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new Bolt11Exception("invalid amount '" + amount + "'");
        }
        if (digits.charAt(0) == '0') {
            throw new Bolt11Exception("amount has leading zeros");
        }
        try {
            long value = Long.parseLong(digits);
            return switch (Character.isDigit(last) ? ' ' : last) {
                case ' ' -> Math.multiplyExact(value, 100_000_000_000L);
                case 'm' -> Math.multiplyExact(value, 100_000_000L);
                case 'u' -> Math.multiplyExact(value, 100_000L);
                case 'n' -> Math.multiplyExact(value, 100L);
                case 'p' -> {
                    if (value % 10 != 0) {
                        throw new Bolt11Exception("amount has sub-millisatoshi precision");
                    }
                    yield value / 10;
                }
                default -> throw new Bolt11Exception("invalid amount multiplier '" + last + "'");
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Bolt11Exception("amount too large");
        }
    }

    private static byte[] signedHash(String hrp, byte[] unsignedGroups) {
        MessageDigest sha = com.satrank.model.Sha256.digest();
        sha.update(hrp.getBytes(StandardCharsets.UTF_8));
        sha.update(Bech32.convertBits(unsignedGroups, 5, 8, true));
        return sha.digest();
    }

    private static long readInt(byte[] groups, int from, int count) {
        long v = 0;
        for (int i = from; i < from + count; i++) {
            v = (v << 5) | groups[i];
        }
        return v;
    }

    private static void writeInt(ByteArrayOutputStream out, long value, int groups) {
        for (int i = groups - 1; i >= 0; i--) {
            out.write((int) ((value >>> (5 * i)) & 31));
        }
    }

    private static byte[] intGroups(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int groups = 1;
        while ((value >>> (5 * groups)) != 0) {
            groups++;
        }
        writeInt(out, value, groups);
        return out.toByteArray();
    }

    private static Bolt11Invoice.TaggedField bytesField(int type, byte[] bytes) {
        return new Bolt11Invoice.TaggedField(type, Bech32.convertBits(bytes, 8, 5, true));
    }

    private static void copy32(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int len = Math.min(32, b.length);
        System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
    }

    /** Reader rules per field: wrong-length p, s, h, n fields are skipped, not fatal. */
    private static final class Fields {
        final List<Bolt11Invoice.TaggedField> all = new ArrayList<>();
        byte[] paymentHash;
        byte[] paymentSecret;
        byte[] descriptionHash;
        byte[] payee;
        byte[] metadata;
        String description;
        long expiry = Bolt11Invoice.DEFAULT_EXPIRY_SECONDS;
        int minFinalCltv = Bolt11Invoice.DEFAULT_MIN_FINAL_CLTV;
        BigInteger features = BigInteger.ZERO;

        void add(int type, byte[] payload) {
            all.add(new Bolt11Invoice.TaggedField(type, payload));
            switch (type) {
                case P -> paymentHash = first(paymentHash, payload, 52, 32);
                case S -> paymentSecret = first(paymentSecret, payload, 52, 32);
                case H -> descriptionHash = first(descriptionHash, payload, 52, 32);
                case N -> payee = first(payee, payload, 53, 33);
                case D -> description = new String(Bech32.convertBits(payload, 5, 8, false), StandardCharsets.UTF_8);
                case X -> expiry = readInt(payload, 0, Math.min(payload.length, 12));
                case C -> minFinalCltv = (int) readInt(payload, 0, Math.min(payload.length, 6));
                case FEATURES -> features = featureBits(payload);
                case M -> metadata = Bech32.convertBits(payload, 5, 8, false);
                default -> {
                    // f (fallback), r (routing hints) and unknown fields are kept raw, not interpreted
                }
            }
        }

        private static byte[] first(byte[] current, byte[] payload, int groups, int bytes) {
            if (current != null || payload.length != groups) {
                return current;
            }
            return Arrays.copyOf(Bech32.convertBits(payload, 5, 8, false), bytes);
        }

        private static BigInteger featureBits(byte[] payload) {
            BigInteger bits = BigInteger.ZERO;
            for (byte group : payload) {
                bits = bits.shiftLeft(5).or(BigInteger.valueOf(group));
            }
            return bits;
        }
    }
}
