package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our events read by nostr-tools (npm, run with node), which recomputes each id from the NIP-01
 * serialisation and verifies the BIP-340 signature with its own secp256k1 (noble).
 */
class NostrToolsInteropIT {
    static final Path NODE_DIR = Path.of(System.getProperty("user.dir"), "src", "test", "node");

    @BeforeAll
    static void installNostrTools() throws Exception { // also used by NostrPublisherIT
        com.satrank.testing.NodePackages.install(NODE_DIR, "nostr-tools");
    }

    /** nostr-tools' verdict on each event, in order. */
    static List<JsonNode> verifyWithNostrTools(List<NostrEvent> events) throws Exception {
        Process p = new ProcessBuilder("node", "verify-events.mjs").directory(NODE_DIR.toFile()).start();
        try (var in = p.getOutputStream()) {
            for (NostrEvent e : events) {
                in.write((e.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        List<JsonNode> verdicts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                verdicts.add(new ObjectMapper().readTree(line));
            }
        }
        return verdicts;
    }

    @Test
    void nostr_tools_recomputes_our_ids_and_verifies_our_signatures() throws Exception {
        NostrKeys keys = NostrKeys.generate();
        EventSigner signer = new EventSigner();
        List<NostrEvent> events = List.of(
                signer.sign(keys, 1_780_000_000L, 30382, List.of(List.of("d", "02" + "ab".repeat(32)),
                        List.of("verdict", "SAFE"), List.of("p_success", "0.934")), ""),
                signer.sign(keys, 1_780_000_001L, 30383, List.of(List.of("d", "cd".repeat(32)),
                        List.of("url", "https://api.example/v1/weather?city=Zürich")),
                        "{\"stages\":[1,2,3],\"note\":\"quotes \\\" backslash \\\\ newline\\n tab\\t\"}"),
                signer.sign(keys, 1_780_000_002L, 1, List.of(), "unicode ⚡ 🚀 é\u0001\u001f control\b\f\r"),
                signer.sign(keys, 1_780_000_003L, 5900, List.of(List.of("i", "x", "text"), List.of()), "emoji 🧪"));
        List<JsonNode> verdicts = verifyWithNostrTools(events);
        assertThat(verdicts).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(verdicts.get(i).get("hash").asText()).as("id of event %d", i).isEqualTo(events.get(i).id());
            assertThat(verdicts.get(i).get("verified").asBoolean()).as("signature of event %d", i).isTrue();
        }
        NostrEvent tampered = new NostrEvent(events.get(0).id(), events.get(0).pubkey(), events.get(0).createdAt(),
                events.get(0).kind(), events.get(0).tags(), "changed", events.get(0).sig());
        assertThat(verifyWithNostrTools(List.of(tampered)).get(0).get("verified").asBoolean()).isFalse();
    }
}
