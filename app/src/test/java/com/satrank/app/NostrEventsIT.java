package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo publishing to a real relay from npm (@nostr-relay/core): its assertions read back and
 * verified by nostr-tools, NIP-05 naming the key; then {@code nostr-events --dry-run} on the stopped
 * demo's data directory: every line is a NIP-01 event
 * that nostr-tools (npm, independent of our code) hashes to the same id and verifies, signed by
 * NOSTR_PRIVATE_KEY, with node (30382) and endpoint (30383) assertions.
 */
class NostrEventsIT {
    private static final Path NODE_DIR = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("nostr/src/test/node");
    private static final String SECRET = "b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef";
    private static final String PUBKEY = "dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659";

    @Test
    void dry_run_prints_events_nostr_tools_verifies(@TempDir Path dir) throws Exception {
        com.satrank.testing.NodePackages.install(NODE_DIR, "nostr-tools");
        Path config = runDemoUntilEndpointsScored(dir, 100);

        Process dry = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar(), "nostr-events", config.toString(), "--dry-run")
                .directory(dir.toFile()).start();
        String out = new String(dry.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(dry.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dry.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dry.exitValue()).as(err).isZero();
        assertThat(err).contains("throwaway key").contains("not published");

        ProcessBuilder keyed = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar(), "nostr-events", config.toString(),
                "--dry-run", "--limit", "50").directory(dir.toFile());
        keyed.environment().put("NOSTR_PRIVATE_KEY", SECRET);
        Process signed = keyed.start();
        String lines = new String(signed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String signedErr = new String(signed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(signed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(signed.exitValue()).as(signedErr).isZero();
        assertThat(signedErr).doesNotContain(SECRET);

        List<JsonNode> events = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                events.add(new ObjectMapper().readTree(line));
            }
        }
        assertThat(events).extracting(e -> e.get("kind").asInt()).contains(30382, 30383);
        assertThat(events).extracting(e -> e.get("pubkey").asText()).containsOnly(PUBKEY);
        // --limit 50: at most 50 node, 50 endpoint and 50 end-to-end assertions, one calibration, one announcement
        assertThat(events.size()).isLessThanOrEqualTo(3 * 50 + 2);
        assertThat(events).extracting(e -> e.get("kind").asInt()).contains(30782, 30784);

        Process verify = new ProcessBuilder("node", "verify-events.mjs").directory(NODE_DIR.toFile()).start();
        try (var in = verify.getOutputStream()) {
            in.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        String verdicts = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> checked = new ArrayList<>();
        for (String line : verdicts.split("\n")) {
            if (!line.isBlank()) {
                checked.add(new ObjectMapper().readTree(line));
            }
        }
        assertThat(checked).hasSize(events.size());
        for (int i = 0; i < checked.size(); i++) {
            assertThat(checked.get(i).get("verified").asBoolean()).as("event %d", i).isTrue();
            assertThat(checked.get(i).get("hash").asText()).isEqualTo(events.get(i).get("id").asText());
        }
        JsonNode endpoint = events.stream().filter(e -> e.get("kind").asInt() == 30383).findFirst().orElseThrow();
        assertThat(endpoint.get("content").asText()).contains("\"stage\":5");
    }

    /** Runs the demo (small sim, economy on free ports) until the tables hold scored endpoints, then stops it. */
    private static Path runDemoUntilEndpointsScored(Path dir, int endpoints) throws Exception {
        int port = JarProcess.freePort();
        int relayPort = JarProcess.freePort();
        String relayUrl = "ws://127.0.0.1:" + relayPort;
        Process relay = new ProcessBuilder("node", "relay.mjs", Integer.toString(relayPort)).directory(NODE_DIR.toFile())
                .redirectErrorStream(true).start();
        String started = new String(relay.getInputStream().readNBytes(("listening " + relayPort).length()),
                StandardCharsets.UTF_8);
        assertThat(started).isEqualTo("listening " + relayPort);
        Path config = JarProcess.writeConfig(dir.resolve("demo.yml"), port, dir.resolve("data"), """
                nostr: {publish: true, relays: ["RELAY"], interval: 5s, privateKey: "SECRET"}
                apiKey: nostr-events-it-key-0123456789abcdef
                sim: {seed: 8, nodes: 600, channels: 1800, port: %d, economyPort: 0}
                ingest: {crawlInterval: 5s}
                probe: {minInterval: 5s, cycleInterval: 1s}
                """.formatted(JarProcess.freePort()).replace("RELAY", relayUrl).replace("SECRET", SECRET));
        HttpJson http = new HttpJson(() -> port);
        Process demo = JarProcess.start("demo", config);
        try {
            JarProcess.awaitUp(http, demo);
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(150);
            double scored = 0;
            while (scored < endpoints && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(2000);
                scored = PrometheusText.value(http.get("/metrics").raw().body(),
                        "satrank_pipeline_service_endpoints{kind=\"with_evidence\"}").orElse(0);
            }
            assertThat(scored).as("scored endpoints before stopping the demo").isGreaterThanOrEqualTo(endpoints);
            // nodes leave INSUFFICIENT (the assertions skip it) after five observations
            String node = http.get("/api/agents/top?limit=1").body().at("/data/0/publicKey").asText();
            while (java.time.Instant.now().isBefore(deadline) && http.get("/api/agent/" + node + "/verdict").body()
                    .at("/data/verdict").asText().equals("INSUFFICIENT")) {
                Thread.sleep(2000);
            }
            // NIP-05 names the publishing key, readable from any origin
            HttpJson.Reply nip05 = http.get("/.well-known/nostr.json?name=satrank");
            assertThat(nip05.status()).isEqualTo(200);
            assertThat(nip05.raw().headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(nip05.body().at("/names/satrank").asText()).isEqualTo(PUBKEY);
            assertThat(nip05.body().at("/relays/" + PUBKEY + "/0").asText()).isEqualTo(relayUrl);
            assertThat(http.get("/.well-known/nostr.json?name=someone").body().get("names").size()).isZero();
            // the demo publishes to the relay: nostr-tools reads node and endpoint assertions back and verifies them
            List<JsonNode> read = List.of();
            java.time.Instant readDeadline = java.time.Instant.now().plusSeconds(60);
            while (java.time.Instant.now().isBefore(readDeadline)) {
                // one query per family: a relay answers a bounded number of events per query, newest first,
                // and node assertions republished every few seconds would crowd the weekly ones out
                read = new ArrayList<>(readBack(relayUrl, "30382,30383"));
                read.addAll(readBack(relayUrl, "30782"));
                read.addAll(readBack(relayUrl, "30783,30784"));
                var kinds = read.stream().map(e -> e.get("kind").asInt()).collect(java.util.stream.Collectors.toSet());
                if (kinds.containsAll(List.of(30382, 30383, 30782, 30783, 30784))) {
                    break;
                }
                Thread.sleep(3000);
            }
            assertThat(read).extracting(e -> e.get("kind").asInt()).contains(30382, 30383, 30782, 30783, 30784);
            assertThat(read).extracting(e -> e.get("verified").asBoolean()).containsOnly(true);
            // the oracle routes answer from what was published
            JsonNode peers = http.get("/api/oracle/peers").body();
            assertThat(peers.at("/data/count").asInt()).isEqualTo(1);
            assertThat(peers.at("/data/peers/0/oracle_pubkey").asText()).isEqualTo(PUBKEY);
            JsonNode calibrations = http.get("/api/oracle/peers/" + PUBKEY + "/calibrations").body();
            assertThat(calibrations.at("/data/is_self").asBoolean()).isTrue();
            assertThat(calibrations.at("/data/calibrations/0/n_endpoints").asLong()).isPositive();
            String asserted = read.stream().filter(e -> e.get("kind").asInt() == 30782).findFirst().orElseThrow()
                    .get("tags").get(0).get(1).asText();
            JsonNode assertion = http.get("/api/oracle/assertion/" + asserted).body();
            assertThat(assertion.at("/data/kind").asInt()).isEqualTo(30782);
            assertThat(assertion.at("/data/expired").asBoolean()).isFalse();
            assertThat(assertion.at("/data/oracle_pubkey").asText()).isEqualTo(PUBKEY);
            assertThat(http.get("/api/oracle/assertion/" + "0".repeat(64)).status()).isEqualTo(404);
            assertThat(http.get("/api/oracle/assertion/xyz").body().at("/error/code").asText()).isEqualTo("INVALID_URL_HASH");
            assertThat(http.get("/api/oracle/peers/xyz/calibrations").body().at("/error/code").asText())
                    .isEqualTo("INVALID_PUBKEY");
        } finally {
            demo.destroy();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            relay.destroy();
        }
        return config;
    }

    private static List<JsonNode> readBack(String relayUrl, String kinds) throws Exception {
        Process p = new ProcessBuilder("node", "read-events.mjs", relayUrl, PUBKEY, kinds)
                .directory(NODE_DIR.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                events.add(new ObjectMapper().readTree(line));
            }
        }
        return events;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of(System.getProperty("user.dir")).resolve("target/satrank.jar").toString();
    }
}
