package com.satrank.nostr;

import com.satrank.model.Sha256;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Signs and verifies NIP-01 events: id = SHA-256 of the canonical form, sig = BIP-340 over the id. */
public final class EventSigner {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    public NostrEvent sign(NostrKeys keys, long createdAt, int kind, List<List<String>> tags, String content) {
        String pubkey = keys.publicKeyHex();
        byte[] id = Sha256.of(NostrEvent.canonical(pubkey, createdAt, kind, tags, content).getBytes(StandardCharsets.UTF_8));
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        byte[] sig = Secp256k1.get().signSchnorr(id, keys.secret(), aux);
        return new NostrEvent(HEX.formatHex(id), pubkey, createdAt, kind, tags, content, HEX.formatHex(sig));
    }

    /** True when the id is the hash of the event and the signature is the pubkey's over it. */
    public static boolean verify(NostrEvent event) {
        try {
            byte[] id = Sha256.of(event.canonical().getBytes(StandardCharsets.UTF_8));
            if (!HEX.formatHex(id).equals(event.id())) {
                return false;
            }
            return Secp256k1.get().verifySchnorr(HEX.parseHex(event.sig()), id, HEX.parseHex(event.pubkey()));
        } catch (RuntimeException e) {
            return false; // malformed hex, a pubkey not on the curve
        }
    }
}
