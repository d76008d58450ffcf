package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import fr.acinq.secp256k1.Secp256k1;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official BIP-340 vectors through the library our signer uses. */
class Bip340VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void every_official_vector_signs_and_verifies_as_specified() throws IOException {
        List<String[]> vectors;
        try (InputStream in = Bip340VectorsTest.class.getResourceAsStream("/bip340-vectors.csv")) {
            vectors = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split(",", -1)).toList();
        }
        assertThat(vectors).hasSize(15);
        int signed = 0;
        for (String[] v : vectors) {
            byte[] pub = HEX.parseHex(v[2]);
            byte[] message = HEX.parseHex(v[4]);
            byte[] sig = HEX.parseHex(v[5]);
            boolean expected = v[6].equals("TRUE");
            if (!v[1].isEmpty()) {
                NostrKeys keys = NostrKeys.fromHex(v[1]);
                assertThat(keys.publicKeyHex()).as("vector %s pubkey", v[0]).isEqualToIgnoringCase(v[2]);
                byte[] ours = Secp256k1.get().signSchnorr(message, HEX.parseHex(v[1]), HEX.parseHex(v[3]));
                assertThat(HEX.formatHex(ours)).as("vector %s signature", v[0]).isEqualToIgnoringCase(v[5]);
                signed++;
            }
            boolean verified;
            try {
                verified = Secp256k1.get().verifySchnorr(sig, message, pub);
            } catch (RuntimeException e) {
                verified = false; // a public key not on the curve
            }
            assertThat(verified).as("vector %s verification", v[0]).isEqualTo(expected);
        }
        assertThat(signed).isEqualTo(4);
    }
}
