package com.satrank.nostr;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Nostr identity: a secp256k1 secret key and its 32-byte x-only public key (BIP-340). The secret
 * never appears in {@link #toString}. Curve arithmetic is libsecp256k1's, through secp256k1-kmp.
 */
public final class NostrKeys {
    private final byte[] secret;
    private final byte[] publicKey;

    private NostrKeys(byte[] secret) {
        if (secret.length != 32 || !Secp256k1.get().secKeyVerify(secret)) {
            throw new IllegalArgumentException("a Nostr secret key is 32 bytes in [1, n-1]");
        }
        this.secret = secret.clone();
        byte[] uncompressed = Secp256k1.get().pubkeyCreate(secret); // 0x04 || x || y
        this.publicKey = Arrays.copyOfRange(uncompressed, 1, 33);
    }

    /** From 64 hex characters (NOSTR_PRIVATE_KEY). */
    public static NostrKeys fromHex(String secretHex) {
        if (secretHex == null || !secretHex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("NOSTR_PRIVATE_KEY must be 64 hex characters");
        }
        return new NostrKeys(HexFormat.of().parseHex(secretHex));
    }

    public static NostrKeys generate() {
        byte[] secret = new byte[32];
        SecureRandom random = new SecureRandom();
        do {
            random.nextBytes(secret);
        } while (!Secp256k1.get().secKeyVerify(secret));
        return new NostrKeys(secret);
    }

    /** The x-only public key, hex (the {@code pubkey} of our events). */
    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "NostrKeys[pubkey=" + publicKeyHex() + ", secret=<redacted>]";
    }
}
