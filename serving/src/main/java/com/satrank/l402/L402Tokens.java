package com.satrank.l402;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mints and verifies SatRank's L402 macaroons. Identifier in Aperture's layout; first-party caveats
 * {@code services=<service>:0}, {@code <service>_valid_until=<unix s>} and
 * {@code <service>_amount_msat=<paid>}; every caveat must be one of ours and hold (a holder may add
 * more of ours to attenuate, never loosen). The root key of a token is
 * HMAC-SHA256(secret, "satrank/l402/root/v1" ‖ token id), so verification reads no database, and
 * the preimage is the proof of payment: sha256(preimage) must equal the identifier's payment hash.
 * Pure: the caller passes the time.
 */
public final class L402Tokens {
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?i:L402|LSAT)\\s+([A-Za-z0-9+/_=-]{1," + (Macaroon.MAX_BYTES * 2) + "}):([0-9a-fA-F]{64})\\s*$");
    private static final byte[] ROOT_KEY_LABEL = "satrank/l402/root/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    private final String service;
    private final String location;

    public L402Tokens(byte[] secret, String service, String location) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("L402 secret must be at least 32 bytes");
        }
        if (!service.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("service name must be lowercase letters, digits, _ or -");
        }
        this.secret = secret.clone();
        this.service = service;
        this.location = location;
    }

    /** A verified credential: what was paid, for which payment, until when. */
    public record Token(byte[] paymentHash, byte[] tokenId, long amountMsat, Instant validUntil) {
    }

    /** Either a token or the reason it was refused. */
    public record Verification(Token token, L402Rejection rejection) {
        public boolean ok() {
            return token != null;
        }

        static Verification rejected(L402Rejection r) {
            return new Verification(null, r);
        }
    }

    /** The base64 (standard, padded) macaroon for a challenge. */
    public String mint(byte[] paymentHash, byte[] tokenId, long amountMsat, Instant validUntil) {
        L402Identifier id = new L402Identifier(0, paymentHash, tokenId);
        Macaroon m = Macaroon.mint(rootKey(tokenId), location, id.encode(), List.of(
                "services=" + service + ":0",
                service + "_valid_until=" + validUntil.getEpochSecond(),
                service + "_amount_msat=" + amountMsat));
        return Base64.getEncoder().encodeToString(m.encode());
    }

    public Verification verify(String authorization, Instant now) {
        if (authorization == null) {
            return Verification.rejected(L402Rejection.MALFORMED);
        }
        var matcher = HEADER.matcher(authorization);
        if (!matcher.matches()) {
            return Verification.rejected(L402Rejection.MALFORMED);
        }
        Macaroon macaroon;
        L402Identifier id;
        try {
            macaroon = Macaroon.decode(decodeBase64(matcher.group(1)));
            id = L402Identifier.decode(macaroon.identifier());
        } catch (IllegalArgumentException e) {
            return Verification.rejected(L402Rejection.MALFORMED);
        }
        if (id.version() != 0) {
            return Verification.rejected(L402Rejection.UNKNOWN_VERSION);
        }
        if (!macaroon.verifySignature(rootKey(id.tokenId()))) {
            return Verification.rejected(L402Rejection.BAD_SIGNATURE);
        }
        Caveats caveats = Caveats.check(macaroon.caveats(), service);
        if (caveats == null) {
            return Verification.rejected(L402Rejection.CAVEAT_FAILED);
        }
        if (!now.isBefore(caveats.validUntil())) {
            return Verification.rejected(L402Rejection.EXPIRED);
        }
        byte[] preimage = HexFormat.of().parseHex(matcher.group(2).toLowerCase(Locale.ROOT));
        if (!MessageDigest.isEqual(sha256(preimage), id.paymentHash())) {
            return Verification.rejected(L402Rejection.PREIMAGE_MISMATCH);
        }
        return new Verification(new Token(id.paymentHash(), id.tokenId(), caveats.amountMsat(), caveats.validUntil()),
                null);
    }

    byte[] rootKey(byte[] tokenId) {
        byte[] message = new byte[ROOT_KEY_LABEL.length + tokenId.length];
        System.arraycopy(ROOT_KEY_LABEL, 0, message, 0, ROOT_KEY_LABEL.length);
        System.arraycopy(tokenId, 0, message, ROOT_KEY_LABEL.length, tokenId.length);
        return Macaroon.hmac(secret, message);
    }

    /** Standard or URL-safe alphabet, padded or not: clients differ. */
    private static byte[] decodeBase64(String text) {
        return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
    }

    static byte[] sha256(byte[] data) {
        return com.satrank.model.Sha256.of(data);
    }

    /** The caveats of one macaroon, all of which must be ours and satisfied. */
    private record Caveats(Instant validUntil, long amountMsat) {
        static Caveats check(List<String> caveats, String service) {
            Instant validUntil = null;
            Long amount = null;
            boolean serviceSeen = false;
            for (String caveat : caveats) {
                int eq = caveat.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                String key = caveat.substring(0, eq).trim();
                String value = caveat.substring(eq + 1).trim();
                try {
                    if (key.equals("services")) {
                        if (!List.of(value.split(",")).stream().map(s -> s.split(":")[0].trim()).toList()
                                .contains(service)) {
                            return null;
                        }
                        serviceSeen = true;
                    } else if (key.equals(service + "_valid_until")) {
                        Instant t = Instant.ofEpochSecond(Long.parseLong(value));
                        validUntil = validUntil == null || t.isBefore(validUntil) ? t : validUntil;
                    } else if (key.equals(service + "_amount_msat")) {
                        long a = Long.parseLong(value);
                        amount = amount == null ? a : Math.min(amount, a);
                    } else {
                        return null;
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (!serviceSeen || validUntil == null || amount == null || amount < 0) {
                return null;
            }
            return new Caveats(validUntil, amount);
        }
    }
}
