package com.satrank.l402;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our macaroons read by an independent libmacaroons-v2 implementation: js-macaroon (npm
 * {@code macaroon} 3.0.4, by the go-macaroon authors), run with node. It must see the same
 * identifier, location and caveats, and verify the HMAC chain with the token's root key.
 */
class MacaroonInteropIT {
    static final Path NODE_DIR = Path.of(System.getProperty("user.dir"), "src", "test", "node");

    @BeforeAll
    static void installJsMacaroon() throws Exception {
        com.satrank.testing.NodePackages.install(NODE_DIR, "macaroon");
    }

    static Process run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p;
    }

    static JsonNode readWithJs(String base64, byte[] rootKey) throws Exception {
        Process p = new ProcessBuilder("node", "verify-macaroon.js", base64, HexFormat.of().formatHex(rootKey))
                .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return new ObjectMapper().readTree(out);
    }

    @Test
    void js_macaroon_reads_our_identifier_and_caveats_and_verifies_the_signature() throws Exception {
        L402Tokens tokens = new L402Tokens(L402TokensTest.SECRET, "satrank", "https://satrank.example");
        byte[] hash = L402Tokens.sha256(L402TokensTest.bytes(1));
        byte[] tokenId = L402TokensTest.bytes(2);
        Instant until = Instant.parse("2026-12-01T00:00:00Z");
        String b64 = tokens.mint(hash, tokenId, 21_000, until);

        JsonNode js = readWithJs(b64, tokens.rootKey(tokenId));
        assertThat(js.get("verified").asBoolean()).as(js.toString()).isTrue();
        assertThat(js.get("version").asInt()).isEqualTo(2);
        assertThat(js.get("location").asText()).isEqualTo("https://satrank.example");
        assertThat(js.get("identifierHex").asText())
                .isEqualTo("0000" + HexFormat.of().formatHex(hash) + HexFormat.of().formatHex(tokenId));
        assertThat(js.get("caveats")).extracting(JsonNode::asText).containsExactly("services=satrank:0",
                "satrank_valid_until=" + until.getEpochSecond(), "satrank_amount_msat=21000");
        assertThat(js.get("reexportBase64").asText()).as("js-macaroon re-encodes to the same bytes").isEqualTo(b64);
        assertThat(js.get("signatureHex").asText())
                .isEqualTo(HexFormat.of().formatHex(Macaroon.decode(Base64.getDecoder().decode(b64)).signature()));
    }

    @Test
    void js_macaroon_rejects_the_same_macaroon_under_another_root_key() throws Exception {
        L402Tokens tokens = new L402Tokens(L402TokensTest.SECRET, "satrank", "x");
        byte[] tokenId = L402TokensTest.bytes(3);
        String b64 = tokens.mint(new byte[32], tokenId, 1, Instant.parse("2026-12-01T00:00:00Z"));
        JsonNode js = readWithJs(b64, tokens.rootKey(L402TokensTest.bytes(4)));
        assertThat(js.get("verified").asBoolean()).isFalse();
    }
}
