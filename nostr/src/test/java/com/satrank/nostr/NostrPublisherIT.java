package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.nostr.publish.NostrPublisher;
import com.satrank.nostr.publish.TrustCheckDvm;
import com.satrank.nostr.relay.RelayPool;
import com.satrank.testing.PostgresFixture;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher against a real relay from npm (@nostr-relay/core, SQLite), events read back and
 * verified by nostr-tools' own relay client; a second relay that accepts TCP and never answers, and a
 * third that refuses connections, do not stop publishing to the live one; a restart republishes
 * nothing unchanged.
 */
class NostrPublisherIT {
    private static final String SECRET = "c90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b14e5c9";

    @BeforeAll
    static void install() throws Exception {
        NostrToolsInteropIT.installNostrTools();
        if (!java.nio.file.Files.isDirectory(NostrToolsInteropIT.NODE_DIR.resolve("node_modules/@nostr-relay/core"))) {
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                    .directory(NostrToolsInteropIT.NODE_DIR.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(900, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
    }

    private static final com.satrank.nostr.db.AssertionQueries.Oracle ORACLE = new com.satrank.nostr.db.AssertionQueries.Oracle(
            NostrKeys.fromHex(SECRET).publicKeyHex(), "02" + "9".repeat(64), "ops@example.org", "https://example.org/register");

    @Test
    void publishes_to_a_real_relay_once_and_survives_dead_relays() throws Exception {
        com.satrank.testing.NodePackages.install(NostrToolsInteropIT.NODE_DIR, "nostr-tools");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process relay = new ProcessBuilder("node", "relay.mjs", Integer.toString(port))
                .directory(NostrToolsInteropIT.NODE_DIR.toFile()).redirectErrorStream(true).start();
        try (ServerSocket blackhole = new ServerSocket(0); ServerSocket closed = new ServerSocket(0)) {
            String first = new String(relay.getInputStream().readNBytes(("listening " + port).length()), StandardCharsets.UTF_8);
            assertThat(first).isEqualTo("listening " + port);
            int refusing = closed.getLocalPort();
            closed.close();
            PostgresFixture.Db db = PostgresFixture.freshDatabase();
            Jdbi jdbi = Jdbi.create(db.url(), db.user(), db.password());
            seed(jdbi);
            NostrKeys keys = NostrKeys.fromHex(SECRET);
            String live = "ws://127.0.0.1:" + port;
            List<String> urls = List.of("ws://127.0.0.1:" + blackhole.getLocalPort(), live, "ws://127.0.0.1:" + refusing);
            try (RelayPool pool = new RelayPool(urls, Duration.ofSeconds(2), InstantSource.system())) {
                long started = System.nanoTime();
                NostrPublisher.Round round = new NostrPublisher(jdbi, keys, pool, 100, ORACLE).publishOnce();
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(round).as("2 nodes, 2 endpoints, 2 end-to-end, calibration, announcement")
                        .isEqualTo(new NostrPublisher.Round(8, 8));
                assertThat(tookMs).as("dead relays wait in parallel, bounded by one timeout").isLessThan(15_000);
                assertThat(pool.backingOff(urls.get(0))).isTrue();
                assertThat(pool.backingOff(urls.get(2))).isTrue();
                assertThat(pool.backingOff(live)).isFalse();
            }
            List<JsonNode> read = readBack(live, keys.publicKeyHex());
            assertThat(read).hasSize(4);
            assertThat(read).extracting(e -> e.get("verified").asBoolean()).containsOnly(true);
            assertThat(read).extracting(e -> e.get("kind").asInt()).containsOnly(30382, 30383);

            // a restart: a new publisher and pool on the same tables publish nothing unchanged
            try (RelayPool pool = new RelayPool(List.of(live), Duration.ofSeconds(2), InstantSource.system())) {
                assertThat(new NostrPublisher(jdbi, keys, pool, 100, ORACLE).publishOnce()).isEqualTo(new NostrPublisher.Round(0, 0));
                jdbi.useHandle(h -> {
                    h.execute("UPDATE node_scores SET p_success = p_success - 0.06 WHERE node_id = ?", nodeId(1));
                    h.execute("UPDATE node_scores SET p_success = p_success - 0.01 WHERE node_id = ?", nodeId(2));
                });
                assertThat(new NostrPublisher(jdbi, keys, pool, 100, ORACLE).publishOnce()).isEqualTo(new NostrPublisher.Round(1, 1));
            }
            // addressable events: the relay keeps the newest per (kind, pubkey, d)
            assertThat(readBack(live, keys.publicKeyHex())).hasSize(4);
            List<JsonNode> periodic = readBack(live, keys.publicKeyHex(), "30782,30783,30784");
            assertThat(periodic).extracting(e -> e.get("verified").asBoolean()).containsOnly(true);
            assertThat(periodic).extracting(e -> e.get("kind").asInt()).containsExactlyInAnyOrder(30782, 30782, 30783, 30784);
            JsonNode calibration = periodic.stream().filter(e -> e.get("kind").asInt() == 30783).findFirst().orElseThrow();
            assertThat(tag(calibration, "n_endpoints")).isEqualTo("2");
            // p_e2e 0.7 against raw rates (7/8)^5 = 0.513
            assertThat(Double.parseDouble(tag(calibration, "delta_mean"))).isCloseTo(0.187, org.assertj.core.data.Offset.offset(0.001));
            JsonNode announcement = periodic.stream().filter(e -> e.get("kind").asInt() == 30784).findFirst().orElseThrow();
            assertThat(tag(announcement, "catalogue_size")).isEqualTo("2");
            assertThat(tag(announcement, "calibration_event_id")).as("none was published before this round").isEmpty();
            JsonNode e2e = periodic.stream().filter(e -> e.get("kind").asInt() == 30782).findFirst().orElseThrow();
            assertThat(Long.parseLong(tag(e2e, "valid_until")) - e2e.get("created_at").asLong()).isEqualTo(7 * 86_400L);
            assertThat(tag(e2e, "oracle_pubkey")).isEqualTo(keys.publicKeyHex());

            // the DVM answers a trust-check job a nostr-tools client sends through the relay
            try (TrustCheckDvm dvm = new TrustCheckDvm(jdbi, keys, List.of(live), Duration.ofSeconds(5),
                    InstantSource.system())) {
                dvm.start();
                JsonNode result = askDvm(live, "02" + "1".repeat(64));
                assertThat(result.get("kind").asInt()).isEqualTo(6900);
                assertThat(result.get("verified").asBoolean()).isTrue();
                assertThat(result.get("pubkey").asText()).isEqualTo(keys.publicKeyHex());
                JsonNode block = new ObjectMapper().readTree(result.get("content").asText());
                assertThat(block.get("verdict").asText()).isEqualTo("SAFE");
                assertThat(block.get("known").asBoolean()).isTrue();
                JsonNode unknown = new ObjectMapper().readTree(askDvm(live, "03" + "9".repeat(64)).get("content").asText());
                assertThat(unknown.get("known").asBoolean()).isFalse();
                assertThat(unknown.get("verdict").asText()).isEqualTo("INSUFFICIENT");

                JsonNode resolved = askDvm(live, "{\"category\":\"data/weather\",\"limit\":1}", "intent-resolve");
                assertThat(resolved.get("kind").asInt()).isEqualTo(6900);
                assertThat(resolved.get("verified").asBoolean()).isTrue();
                JsonNode intent = new ObjectMapper().readTree(resolved.get("content").asText());
                assertThat(intent.at("/meta/total_matched").asInt()).isEqualTo(2);
                assertThat(intent.get("candidates")).hasSize(1);
                assertThat(intent.at("/candidates/0/endpoint_url").asText()).startsWith("https://svc");
                assertThat(intent.at("/meta/strictness").asText()).isEqualTo("relaxed");
                JsonNode refused = askDvm(live, "{\"category\":\"\"}", "intent-resolve");
                assertThat(refused.get("kind").asInt()).isEqualTo(7000);
            }
        } finally {
            relay.destroy();
            relay.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<JsonNode> readBack(String url, String author) throws Exception {
        return readBack(url, author, "30382,30383");
    }

    private static String tag(JsonNode event, String name) {
        for (JsonNode t : event.get("tags")) {
            if (t.get(0).asText().equals(name)) {
                return t.get(1).asText();
            }
        }
        throw new AssertionError("no tag " + name + " in " + event);
    }

    private static List<JsonNode> readBack(String url, String author, String kinds) throws Exception {
        Process p = new ProcessBuilder("node", "read-events.mjs", url, author, kinds)
                .directory(NostrToolsInteropIT.NODE_DIR.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                events.add(new ObjectMapper().readTree(line));
            }
        }
        return events;
    }

    private static JsonNode askDvm(String url, String pubkey) throws Exception {
        return askDvm(url, pubkey, "trust-check");
    }

    private static JsonNode askDvm(String url, String input, String type) throws Exception {
        Process p = new ProcessBuilder("node", "dvm-job.mjs", url, input, type)
                .directory(NostrToolsInteropIT.NODE_DIR.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return new ObjectMapper().readTree(out.trim());
    }

    private static String nodeId(int i) {
        return Integer.toString(i).repeat(64).substring(0, 64);
    }

    /** Three nodes (SAFE, RISKY, INSUFFICIENT: skipped) and two endpoints with their five stages. */
    private static void seed(Jdbi jdbi) {
        jdbi.useHandle(h -> {
            String[] verdicts = {"SAFE", "RISKY", "INSUFFICIENT"};
            for (int i = 1; i <= 3; i++) {
                h.execute("""
                        INSERT INTO nodes (node_id, pubkey, alias, color, channel_count, active_channel_count, capacity_sat,
                            peer_count, pagerank, pagerank_percentile, graph_rank, stale, last_update_s, first_seen_ms, as_of_ms)
                        VALUES (?, ?, ?, '#000000', 3, 3, 1000000, 3, 0.1, 50, ?, false, 0, 0, 0)""",
                        nodeId(i), "02" + Integer.toString(i).repeat(64), "node " + i, i);
                h.execute("""
                        INSERT INTO node_scores (node_id, p_success, ci95_low, ci95_high, n_obs, verdict, converged,
                            last_evidence_ms) VALUES (?, ?, ?, ?, ?, ?, true, 1780000000000)""",
                        nodeId(i), 0.9 - 0.3 * (i - 1), 0.8 - 0.3 * (i - 1), 0.95 - 0.3 * (i - 1), 40.0 / i, verdicts[i - 1]);
            }
            for (int e = 1; e <= 2; e++) {
                String hash = Integer.toString(e + 5).repeat(64);
                h.execute("""
                        INSERT INTO service_endpoints (url_hash, url, name, description, category, provider, http_method,
                            advertised_price_sats, price_sats, payee_pubkey, sources, discovery_outcome, deprecated,
                            first_listed_ms, check_count, success_count, p_e2e, p_e2e_pessimistic, p_e2e_optimistic,
                            meaningful_stages, paid_probes, sats_spent)
                        VALUES (?, ?, 'svc', '', 'data/weather', 'p', 'GET', 3, 3, null, '{402index}', 'l402', false, 0, 5,
                            5, 0.7, 0.5, 0.85, 5, 3, 9)""", hash, "https://svc" + e + ".example/w");
                for (int stage = 1; stage <= 5; stage++) {
                    h.execute("""
                            INSERT INTO endpoint_stage_posteriors (url_hash, stage, alpha, beta, p_success, ci95_low,
                                ci95_high, n_obs, observations, successes, last_outcome, last_updated_ms)
                            VALUES (?, ?, 9, 1, 0.9, 0.7, 0.98, 8, 8, 7, 'ok', 1780000000000)""", hash, stage);
                }
            }
            h.execute("INSERT INTO pipeline_checkpoint (stream, log_index, event_time_ms) VALUES ('graph', 1, 1780000000000)");
        });
    }
}
