package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.satrank.app.commands.ModeCommand;
import com.satrank.app.config.ProcessMode;
import com.satrank.app.config.SatRankConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole demo in one JVM: lnd-sim, embedded Postgres, ingest, pipeline, API, over real HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoAppIT {
    private static final Path DATA = tempDir();
    private static final Instant STARTED = Instant.now();
    private static final DropwizardAppExtension<SatRankConfiguration> APP = new DropwizardAppExtension<>(
            SatRankApplication.class, ResourceHelpers.resourceFilePath("demo-test.yml"), (String) null,
            app -> new ModeCommand(app, "demo", "demo", ProcessMode.DEMO),
            ConfigOverride.config("dataDir", DATA.toString()));

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("satrank-demo-it");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final HttpJson CLIENT = new HttpJson(APP::getLocalPort);

    static HttpJson.Reply get(String path) throws Exception {
        return CLIENT.get(path, "X-Request-Id", "it-42");
    }

    @BeforeAll
    static void waitForScores() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            HttpJson.Reply top = get("/api/agents/top?limit=1");
            if (top.status() == 200 && top.body().at("/meta/total").asInt() > 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("demo produced no scores within 90 s");
    }

    @Test
    void top_lists_ranked_nodes_and_pages_through_them() throws Exception {
        HttpJson.Reply first = get("/api/agents/top?limit=100");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().at("/meta/total").asInt()).isGreaterThan(1500);
        assertThat(first.body().get("data")).hasSize(100);
        assertThat(first.body().at("/data/0/rank").asInt()).isEqualTo(1);
        assertThat(first.body().at("/data/0/lightningGraph/channels").asInt())
                .isGreaterThanOrEqualTo(first.body().at("/data/99/lightningGraph/channels").asInt() > 0 ? 1 : 0);
        HttpJson.Reply second = get("/api/agents/top?limit=100&offset=100");
        assertThat(second.body().at("/data/0/rank").asInt())
                .isGreaterThanOrEqualTo(first.body().at("/data/99/rank").asInt());
    }

    @Test
    void search_finds_nodes_by_alias_literally_and_case_insensitively() throws Exception {
        JsonNode named = null;
        for (JsonNode n : get("/api/agents/top?limit=50").body().get("data")) {
            if (n.get("alias").asText().length() >= 4) {
                named = n;
                break;
            }
        }
        assertThat(named).isNotNull();
        String part = named.get("alias").asText().substring(1, 4).toUpperCase();
        HttpJson.Reply found = get("/api/agents/search?alias=" + part + "&limit=100");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("data")).allSatisfy(n ->
                assertThat(n.get("alias").asText().toUpperCase()).contains(part));
        assertThat(found.body().at("/meta/total").asInt()).isPositive();
        assertThat(get("/api/agents/search?alias=%25").body().at("/meta/total").asInt())
                .as("% is matched literally").isZero();
        assertThat(get("/api/agents/search").status()).isEqualTo(400);
        assertThat(get("/api/agents/search?alias=" + "x".repeat(101)).status()).isEqualTo(400);
    }

    @Test
    void a_node_from_the_list_answers_by_pubkey_and_by_id() throws Exception {
        JsonNode entry = get("/api/agents/top?limit=5").body().at("/data/3");
        HttpJson.Reply byPubkey = get("/api/agent/" + entry.get("publicKey").asText());
        assertThat(byPubkey.status()).isEqualTo(200);
        assertThat(byPubkey.body().at("/data/agent/publicKeyHash").asText()).isEqualTo(entry.get("publicKeyHash").asText());
        assertThat(byPubkey.body().at("/data/lightningGraph/channels").asInt()).isPositive();
        assertThat(byPubkey.body().at("/data/bayesian/verdict").asText())
                .isIn("SAFE", "RISKY", "UNKNOWN", "INSUFFICIENT");
        assertThat(byPubkey.body().at("/data/bayesian/time_constant_days").asInt()).isEqualTo(7);
        assertThat(byPubkey.body().at("/data/bayesian/risk_profile").asText()).isIn("low", "medium", "high", "unknown");
        assertThat(byPubkey.body().at("/data/bayesian/recent_activity/last_30d").isIntegralNumber()).isTrue();
        JsonNode score = byPubkey.body().at("/data/score");
        assertThat(score.get("total").asDouble()).isBetween(0.0, 100.0);
        assertThat(score.at("/components/volume").asInt()).as("a ranked node has channels").isPositive();
        assertThat(score.at("/reputation/centrality").isInt()).as(score.toString()).isTrue();
        assertThat(byPubkey.body().at("/data/lightningGraph/betweennessPercentile").isNumber()).isTrue();
        try (var queries = com.satrank.log.ChronicleEventLog.open(DATA, com.satrank.log.LogStream.QUERIES,
                java.time.Clock.systemUTC())) {
            var tailer = queries.tailer().seekAfter(com.satrank.log.LogPosition.BEFORE_START);
            java.util.Set<String> asked = new java.util.HashSet<>();
            java.util.Optional<com.satrank.log.LoggedEvent> next;
            while ((next = tailer.next()).isPresent()) {
                asked.add(java.util.HexFormat.of().formatHex(next.get().event().getNodeQueried().getPubkey().toByteArray()));
            }
            assertThat(asked).as("the lookup is in the queries log for the prober").contains(entry.get("publicKey").asText());
        }
        HttpJson.Reply byId = get("/api/agent/" + entry.get("publicKeyHash").asText().toUpperCase());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().at("/data/agent/publicKey").asText()).isEqualTo(entry.get("publicKey").asText());
    }

    @Test
    void verdict_answers_known_nodes_with_their_posterior_and_unknown_ones_with_the_prior() throws Exception {
        String pubkey = get("/api/agents/top?limit=1").body().at("/data/0/publicKey").asText();
        HttpJson.Reply known = get("/api/agent/" + pubkey + "/verdict");
        assertThat(known.status()).isEqualTo(200);
        JsonNode d = known.body().get("data");
        assertThat(d.get("p_success").asDouble()).isBetween(0.0, 1.0);
        assertThat(d.get("ci95_low").asDouble()).isLessThanOrEqualTo(d.get("p_success").asDouble());
        assertThat(d.get("ci95_high").asDouble()).isGreaterThanOrEqualTo(d.get("p_success").asDouble());
        // meaningful = at least 3 observations, the newest under an hour old (reference §1.2/§1.10)
        boolean fresh = System.currentTimeMillis() / 1000 - d.get("last_update").asLong() < 3600;
        assertThat(d.get("is_meaningful").asBoolean()).isEqualTo(d.get("n_obs").asDouble() >= 3 && fresh);
        assertThat(d.get("reason").asText()).contains("p_success=");
        assertThat(d.get("amount_sats").asLong()).as("the default amount").isEqualTo(1000);

        // the same node for larger payments: never more likely, and the answer says which amount it is for
        JsonNode base = get("/api/agent/" + pubkey + "/verdict?amountSats=1000").body().get("data");
        assertThat(base.get("p_success").asDouble()).isEqualTo(d.get("p_success").asDouble());
        double previous = base.get("p_success").asDouble();
        for (long amount : new long[] {100_000, 1_000_000, 100_000_000}) {
            JsonNode larger = get("/api/agent/" + pubkey + "/verdict?amountSats=" + amount).body().get("data");
            assertThat(larger.get("amount_sats").asLong()).isEqualTo(amount);
            assertThat(larger.get("p_success").asDouble()).as("p_success at %d sats", amount).isLessThanOrEqualTo(previous);
            assertThat(larger.get("ci95_low").asDouble()).isLessThanOrEqualTo(larger.get("p_success").asDouble());
            assertThat(larger.get("ci95_high").asDouble()).isGreaterThanOrEqualTo(larger.get("p_success").asDouble());
            previous = larger.get("p_success").asDouble();
        }
        JsonNode detail = get("/api/agent/" + pubkey + "?amountSats=1000000").body().at("/data/bayesian");
        assertThat(detail.get("amount_sats").asLong()).isEqualTo(1_000_000);
        assertThat(detail.get("p_success").asDouble()).isLessThanOrEqualTo(base.get("p_success").asDouble());
        assertThat(get("/api/agent/" + pubkey).body().at("/data/bayesian/amount_sats").asLong())
                .as("the detail cache keeps amounts apart").isEqualTo(1000);
        for (String bad : new String[] {"0", "-5", "abc", "1.5", "100000001"}) {
            HttpJson.Reply refused = get("/api/agent/" + pubkey + "/verdict?amountSats=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(get("/api/agent/" + pubkey + "?amountSats=" + bad).status()).as(bad).isEqualTo(400);
        }

        HttpJson.Reply history = get("/api/agent/" + pubkey + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().get("data")).as("the first pass of the day wrote a history row").isNotEmpty();
        assertThat(history.body().at("/data/0/day").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(get("/api/agent/02" + "11".repeat(32) + "/history").status()).isEqualTo(404);
        HttpJson.Reply movers = get("/api/agents/movers?window=7d");
        assertThat(movers.status()).isEqualTo(200);
        assertThat(movers.body().at("/data/gainers").isArray()).isTrue();
        assertThat(get("/api/agents/movers?window=2d").status()).isEqualTo(400);

        HttpJson.Reply unknown = get("/api/agent/02" + "11".repeat(32) + "/verdict");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().at("/data/verdict").asText()).isEqualTo("INSUFFICIENT");
        assertThat(unknown.body().at("/data/is_meaningful").asBoolean()).isFalse();
        assertThat(get("/api/agent/xyz/verdict").status()).isEqualTo(400);
    }

    @Test
    void bad_input_and_unknown_things_are_json_4xx_with_codes() throws Exception {
        HttpJson.Reply invalid = get("/api/agent/not-a-node");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(invalid.body().get("requestId").asText()).isEqualTo("it-42");
        assertThat(invalid.raw().headers().firstValue("X-Request-Id")).contains("it-42");

        HttpJson.Reply unknown = get("/api/agent/02" + "00".repeat(32));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/code").asText()).isEqualTo("NOT_FOUND");

        HttpJson.Reply route = get("/api/no/such/route");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.body().at("/error/code").asText()).isEqualTo("NOT_FOUND");

        for (String q : new String[] {"limit=0", "limit=101", "limit=x", "offset=-1", "sort_by=score"}) {
            HttpJson.Reply bad = get("/api/agents/top?" + q);
            assertThat(bad.status()).as(q).isEqualTo(400);
            assertThat(bad.body().at("/error/code").asText()).as(q).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void health_reports_database_lnd_schema_and_pipeline_lag() throws Exception {
        HttpJson.Reply health = get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode d = health.body().get("data");
        assertThat(d.get("status").asText()).isEqualTo("ok");
        assertThat(d.get("dbStatus").asText()).isEqualTo("ok");
        assertThat(d.get("lndStatus").asText()).isEqualTo("ok");
        assertThat(d.get("schemaVersion").asText()).isEqualTo(d.get("expectedSchemaVersion").asText());
        assertThat(d.at("/lnd/pubkey").asText()).hasSize(66);
        assertThat(d.at("/lnd/blockHeight").asInt()).isPositive();
        assertThat(d.at("/pipeline/graph/lastIndex").asLong()).isPositive();
        assertThat(d.get("channels").asInt()).isGreaterThan(5000);
    }

    @Test
    void the_cron_health_check_passes_against_the_running_demo() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/satrank-health-check.sh")
                .directory(Path.of(System.getProperty("user.dir")).getParent().toFile());
        pb.environment().put("SATRANK_HEALTH_URL", "http://127.0.0.1:" + APP.getLocalPort() + "/api/health");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("SatRank healthy: status=ok db=ok lnd=ok");
    }

    static HttpJson.Reply post(String path, String json, String apiKey, String contentType) throws Exception {
        return apiKey == null ? CLIENT.post(path, json, "Content-Type", contentType)
                : CLIENT.post(path, json, "Content-Type", contentType, "X-API-Key", apiKey);
    }

    static final String KEY = "test-key-0123456789";

    @Test
    void reports_need_the_key_valid_input_and_one_per_target_and_hour() throws Exception {
        String target = get("/api/agents/top?limit=3").body().at("/data/2/publicKey").asText();
        String body = "{\"target\":\"" + target + "\",\"outcome\":\"failure\",\"amountSats\":1000}";
        assertThat(post("/api/report", body, null, "application/json").status()).isEqualTo(401);
        assertThat(post("/api/report", body, "wrong", "application/json").status()).isEqualTo(401);
        assertThat(post("/api/report", body, KEY, "text/plain").status()).isEqualTo(415);
        for (String bad : new String[] {"{}", "{\"target\":\"zz\",\"outcome\":\"success\"}",
            "{\"target\":\"" + target + "\",\"outcome\":\"maybe\"}",
            "{\"target\":\"" + target + "\",\"outcome\":\"success\",\"amountSats\":-5}",
            "{\"target\":\"" + target + "\",\"outcome\":\"success\",\"preimage\":\"abc\"}"}) {
            HttpJson.Reply r = post("/api/report", bad, KEY, "application/json");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body().at("/error/code").asText()).as(bad).isEqualTo("VALIDATION_ERROR");
        }
        HttpJson.Reply malformed = post("/api/report", "{not json", KEY, "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().at("/error/code").asText()).isEqualTo("MALFORMED_REQUEST");

        HttpJson.Reply first = post("/api/report", body, KEY, "application/json");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().at("/data/proven").asBoolean()).isFalse();
        assertThat(first.body().at("/data/weight").asDouble()).isEqualTo(0.3);
        HttpJson.Reply again = post("/api/report", body, KEY, "application/json");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/error/code").asText()).isEqualTo("DUPLICATE_REPORT");
    }

    @Test
    void a_report_with_the_sims_invoice_and_the_preimage_from_paying_it_is_proven() throws Exception {
        Path sim = DATA.resolve("lnd-sim");
        var endpoint = new com.satrank.lndclient.LndEndpoint("localhost", 10119, sim.resolve("tls.cert"),
                sim.resolve("invoice.macaroon"), Duration.ofSeconds(10));
        var channel = com.satrank.lndclient.LndChannels.open(endpoint);
        String invoice;
        try {
            invoice = com.satrank.lnd.lnrpc.LightningGrpc.newBlockingStub(channel)
                    .withCallCredentials(com.satrank.lndclient.LndChannels.macaroon(sim.resolve("invoice.macaroon")))
                    .addInvoice(com.satrank.lnd.lnrpc.Invoice.newBuilder().setValue(500).setMemo("report me").build())
                    .getPaymentRequest();
        } finally {
            channel.shutdownNow();
        }
        var paid = com.satrank.lndsim.SimPayClient.pay(new com.satrank.lndclient.LndEndpoint("localhost", 10119,
                sim.resolve("tls.cert"), sim.resolve("pay.macaroon"), Duration.ofSeconds(10)), invoice);
        String simPubkey = get("/api/health").body().at("/data/lnd/pubkey").asText();
        HttpJson.Reply proven = post("/api/report", "{\"target\":\"" + simPubkey + "\",\"outcome\":\"success\",\"bolt11\":\""
                + invoice + "\",\"preimage\":\"" + paid.preimageHex() + "\"}", KEY, "application/json");
        assertThat(proven.status()).as(String.valueOf(proven.body())).isEqualTo(201);
        assertThat(proven.body().at("/data/proven").asBoolean()).as(proven.body().toString()).isTrue();
        assertThat(proven.body().at("/data/weight").asDouble()).isEqualTo(1.0);
    }

    @Test
    void stats_count_each_channel_once() throws Exception {
        JsonNode d = get("/api/stats").body().get("data");
        assertThat(d.get("agentsAll").asInt()).isEqualTo(2001);
        assertThat(d.get("totalChannels").asInt()).isBetween(5900, 6100);
        assertThat(d.get("networkCapacityBtc").asDouble()).isPositive();
        assertThat(d.get("probes24h").isIntegralNumber()).as("counted by ScoringReportsIT; here the field exists").isTrue();
    }

    @Test
    void report_stats_count_the_reports_the_pipeline_has_folded() throws Exception {
        JsonNode d = get("/api/stats/reports").body().get("data");
        assertThat(d.at("/window/sinceDays").asInt()).isEqualTo(30);
        assertThat(d.at("/summary/targetN").asInt()).isEqualTo(200);
        assertThat(d.at("/summary/totalVerified").asLong()).isLessThanOrEqualTo(d.at("/summary/totalSubmitted").asLong());
        assertThat(d.get("weekly").isArray()).isTrue();
    }

    /** Issue #12's promise: the demo's economy is crawled, probed and scored within three minutes of start. */
    @Test
    void the_demo_economy_has_200_scored_endpoints_within_three_minutes() throws Exception {
        Instant deadline = STARTED.plus(Duration.ofMinutes(3));
        double scored = 0;
        while (Instant.now().isBefore(deadline)) {
            scored = gauge(get("/metrics").raw().body(), "satrank_pipeline_service_endpoints{kind=\"with_evidence\"}");
            if (scored >= 200) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(scored).as("endpoints with a meaningful stage posterior").isGreaterThanOrEqualTo(200);
        String body = get("/metrics").raw().body();
        assertThat(body).contains("satrank_services_catalogue{registry=\"402index\"}")
                .contains("satrank_endpoint_probes_total{outcome=\"pay_ok\",stage=\"payment\"}")
                .contains("satrank_endpoint_sats_spent_total");
        long[] counts = new long[2];
        LogReads.forEach(DATA, com.satrank.log.LogStream.SERVICES, e -> counts[0] += e.hasServiceListed() ? 1 : 0);
        LogReads.forEach(DATA, com.satrank.log.LogStream.ENDPOINTS, e -> counts[1] += e.hasEndpointProbed() ? 1 : 0);
        assertThat(counts[0]).as("ServiceListed events").isGreaterThanOrEqualTo(250);
        assertThat(counts[1]).as("EndpointProbed events").isGreaterThan(500);
    }

    /** Waits until the pipeline has scored part of the economy (the warm-up test above asks for 200). */
    static void awaitScoredEndpoints(int atLeast) throws Exception {
        Instant deadline = STARTED.plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (gauge(get("/metrics").raw().body(), "satrank_pipeline_service_endpoints{kind=\"with_evidence\"}") >= atLeast) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("fewer than " + atLeast + " scored endpoints within 4 minutes");
    }

    @Test
    void a_category_intent_ranks_non_risky_candidates_with_stage_posteriors() throws Exception {
        awaitScoredEndpoints(100);
        JsonNode categories = get("/api/intent/categories").body().get("categories");
        assertThat(categories.size()).isGreaterThan(0);
        String category = categories.get(0).get("name").asText();
        assertThat(categories.get(0).get("endpoint_count").asInt()).isGreaterThan(0);

        HttpJson.Reply intent = post("/api/intent", "{\"category\":\"" + category.toUpperCase(java.util.Locale.ROOT)
                + "\",\"limit\":5}", null, "application/json");
        assertThat(intent.status()).as(String.valueOf(intent.body())).isEqualTo(200);
        assertThat(intent.body().has("data")).as("unenveloped, as the reference").isFalse();
        assertThat(intent.body().at("/intent/category").asText()).isEqualTo(category);
        JsonNode candidates = intent.body().get("candidates");
        assertThat(candidates.size()).isBetween(1, 5);
        assertThat(intent.body().at("/meta/returned").asInt()).isEqualTo(candidates.size());
        assertThat(intent.body().at("/meta/strictness").asText()).isIn("strict", "relaxed");
        assertThat(intent.body().at("/meta/upgrade_path/flag").asText()).isEqualTo("fresh=true");
        double previous = 2;
        for (JsonNode c : candidates) {
            assertThat(c.at("/bayesian/verdict").asText()).isNotEqualTo("RISKY");
            assertThat(c.at("/stage_posteriors/stages/challenge/p_success").isNumber()).isTrue();
            double p = c.at("/stage_posteriors/p_e2e").asDouble();
            assertThat(p).isBetween(c.at("/stage_posteriors/p_e2e_pessimistic").asDouble(),
                    c.at("/stage_posteriors/p_e2e_optimistic").asDouble());
            assertThat(c.get("endpoint_hash").asText()).hasSize(64);
            assertThat(c.at("/advisory/recommendation").asText()).isNotEmpty();
            if (c.at("/bayesian/is_meaningful").asBoolean() == candidates.get(0).at("/bayesian/is_meaningful").asBoolean()) {
                assertThat(p).as("ranked by p_e2e").isLessThanOrEqualTo(previous);
                previous = p;
            }
        }
        String hash = candidates.get(0).get("endpoint_hash").asText();
        JsonNode endpoint = get("/api/endpoint/" + hash).body();
        assertThat(endpoint.at("/data/metadata/url").asText()).isEqualTo(candidates.get(0).get("endpoint_url").asText());
        assertThat(endpoint.at("/data/stage_posteriors/p_e2e").asDouble())
                .isEqualTo(candidates.get(0).at("/stage_posteriors/p_e2e").asDouble());
        assertThat(get("/api/services/" + hash).body().at("/data/urlHash").asText()).isEqualTo(hash);
        JsonNode unknown = get("/api/endpoint/" + "0".repeat(64)).body();
        assertThat(unknown.at("/data/metadata").isNull()).isTrue();
        assertThat(unknown.at("/data/bayesian/verdict").asText()).isEqualTo("UNKNOWN");

        HttpJson.Reply fresh = post("/api/intent?fresh=true", "{\"category\":\"" + category + "\"}", null,
                "application/json");
        assertThat(fresh.status()).as("fresh=true is paid").isEqualTo(402);
        assertThat(fresh.header("WWW-Authenticate")).startsWith("L402 ");
        assertThat(post("/api/intent", "{\"target\":\"02" + "1".repeat(64) + "\",\"caller\":\"02" + "2".repeat(64)
                + "\"}", null, "application/json").status()).as("the node form stays paid").isEqualTo(402);
    }

    @Test
    void services_list_best_and_categories_answer_from_the_tables() throws Exception {
        awaitScoredEndpoints(100);
        JsonNode page = get("/api/services?limit=5&sort=p_success").body();
        assertThat(page.get("data").size()).isEqualTo(5);
        assertThat(page.at("/meta/total").asLong()).as("matches, not page size").isGreaterThan(5);
        double previous = 2;
        for (JsonNode row : page.get("data")) {
            assertThat(row.at("/bayesian/p_success").asDouble()).isLessThanOrEqualTo(previous);
            previous = row.at("/bayesian/p_success").asDouble();
        }
        JsonNode second = get("/api/services?limit=5&offset=5&sort=p_success").body();
        assertThat(second.at("/data/0/urlHash").asText()).isNotEqualTo(page.at("/data/0/urlHash").asText());
        String category = get("/api/services/categories").body().at("/data/0/category").asText();
        for (JsonNode row : get("/api/services?category=" + category + "&limit=100").body().get("data")) {
            assertThat(row.get("category").asText()).isEqualTo(category);
        }
        JsonNode best = get("/api/services/best").body();
        assertThat(best.at("/data/bestQuality/url").asText()).startsWith("http");
        assertThat(best.at("/meta/formula").asText()).contains("sqrt(priceSats)");
        assertThat(best.at("/data/bestQuality/bayesian/verdict").asText()).isNotEqualTo("RISKY");
    }

    private static String paySim(String invoice) {
        Path sim = DATA.resolve("lnd-sim");
        return com.satrank.lndsim.SimPayClient.pay(new com.satrank.lndclient.LndEndpoint("localhost", 10119,
                sim.resolve("tls.cert"), sim.resolve("pay.macaroon"), Duration.ofSeconds(10)), invoice).preimageHex();
    }

    /** Pays a 402 challenge through lnd-sim and returns the Authorization header that redeems it. */
    private static String payChallenge(String wwwAuthenticate) {
        var challenge = com.satrank.services.L402Challenge.parse(wwwAuthenticate).orElseThrow();
        return "L402 " + challenge.macaroon() + ":" + paySim(challenge.invoice());
    }

    /**
     * An agent's journey (issue 13): ask for a category, pay the top candidate's own L402 challenge
     * through lnd-sim and get its body; then buy a probe from SatRank, which refuses a private address
     * for free and probes a catalogue URL through all five stages.
     */
    @Test
    void an_agent_pays_the_top_candidate_and_buys_a_probe() throws Exception {
        awaitScoredEndpoints(100);
        String category = get("/api/intent/categories").body().at("/categories/0/name").asText();
        JsonNode top = post("/api/intent", "{\"category\":\"" + category + "\",\"limit\":1}", null,
                "application/json").body().at("/candidates/0");
        String url = top.get("endpoint_url").asText();
        var http = java.net.http.HttpClient.newHttpClient();
        var method = top.get("http_method").asText();
        java.util.function.Function<String, java.net.http.HttpRequest> request = auth -> {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .method(method, method.equals("POST") ? java.net.http.HttpRequest.BodyPublishers.ofString("{}")
                            : java.net.http.HttpRequest.BodyPublishers.noBody());
            return (auth == null ? b : b.header("Authorization", auth)).build();
        };
        // the agent's own wallet is the sim's node, paying over the sim's graph: a payment can fail, as
        // any payment can, and the agent then asks for a fresh challenge and tries again
        com.satrank.services.L402Challenge challenge = null;
        String preimage = null;
        Path sim = DATA.resolve("lnd-sim");
        try (var wallet = new com.satrank.lndclient.PaymentClient(new com.satrank.lndclient.LndEndpoint("localhost",
                10119, sim.resolve("tls.cert"), sim.resolve("pay.macaroon"), Duration.ofSeconds(10)),
                sim.resolve("pay.macaroon"), new com.satrank.lndclient.LndStatus(com.satrank.metrics.Metrics.detached()))) {
            for (int attempt = 0; attempt < 8 && preimage == null; attempt++) {
                var challenged = http.send(request.apply(null), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(challenged.statusCode()).isEqualTo(402);
                // a real service's challenge is sometimes unparseable (the challenge stage's own failure
                // rate); the agent asks again, as it would after a failed payment
                var parsed = challenged.headers().firstValue("WWW-Authenticate")
                        .flatMap(com.satrank.services.L402Challenge::parse);
                if (parsed.isEmpty()) {
                    continue;
                }
                challenge = parsed.get();
                var paid = wallet.pay(challenge.invoice(), 50, Duration.ofSeconds(10));
                preimage = paid.paid() ? java.util.HexFormat.of().formatHex(paid.preimage()) : null;
            }
        }
        assertThat(preimage).as("the top candidate could be paid within 8 attempts").isNotNull();
        var delivered = http.send(request.apply("L402 " + challenge.macaroon() + ":" + preimage),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as("the top candidate delivers once paid").isEqualTo(200);
        assertThat(delivered.body()).isNotBlank();

        // the outcome, reported anonymously: the preimage of the candidate's own invoice is the proof
        String hash = top.get("endpoint_hash").asText();
        String anonymous = "{\"target\":\"" + hash + "\",\"outcome\":\"success\",\"preimage\":\"" + preimage
                + "\",\"bolt11Raw\":\"" + challenge.invoice() + "\",\"amountBucket\":\"micro\"}";
        HttpJson.Reply reported = post("/api/report", anonymous, null, "application/json");
        assertThat(reported.status()).as(String.valueOf(reported.body())).isEqualTo(200);
        assertThat(reported.body().at("/data/verified").asBoolean()).isTrue();
        assertThat(reported.body().at("/data/reporter_identity").asText()).startsWith("preimage_pool:");
        assertThat(post("/api/report", anonymous, null, "application/json").body().at("/error/code").asText())
                .as("one report per preimage").isEqualTo("DUPLICATE_REPORT");
        HttpJson.Reply noInvoice = post("/api/report", "{\"target\":\"" + hash + "\",\"outcome\":\"success\","
                + "\"preimage\":\"" + "ab".repeat(32) + "\"}", null, "application/json");
        assertThat(noInvoice.body().at("/error/code").asText()).isEqualTo("PREIMAGE_UNKNOWN");
        HttpJson.Reply mismatch = post("/api/report", anonymous.replace(preimage, "cd".repeat(32)), null,
                "application/json");
        assertThat(mismatch.body().at("/error/code").asText()).isEqualTo("BOLT11_MISMATCH");
        assertThat(post("/api/report", anonymous.replace(hash, "e".repeat(64)), null, "application/json").status())
                .as("an endpoint the catalogue does not list").isEqualTo(404);
        boolean[] logged = new boolean[1];
        LogReads.forEach(DATA, com.satrank.log.LogStream.REPORTS, e -> logged[0] |= e.hasPaymentReported()
                && e.getPaymentReported().getTargetUrlHash().equals(hash) && e.getPaymentReported().getAnonymous()
                && e.getPaymentReported().getProven());
        assertThat(logged[0]).as("the report is on the reports log, proven and anonymous").isTrue();
        double paymentEvidence = get("/api/endpoint/" + hash).body().at("/data/stage_posteriors/stages/delivery/n_obs")
                .asDouble();
        Instant until = Instant.now().plusSeconds(60);
        double now = paymentEvidence;
        while (Instant.now().isBefore(until) && now <= paymentEvidence) {
            Thread.sleep(1000);
            now = get("/api/endpoint/" + hash).body().at("/data/stage_posteriors/stages/delivery/n_obs").asDouble();
        }
        assertThat(now).as("the next pass counts the report").isGreaterThan(paymentEvidence);

        HttpJson.Reply unpaid = post("/api/probe", "{\"url\":\"" + url + "\"}", null, "application/json");
        assertThat(unpaid.status()).isEqualTo(402);
        assertThat(unpaid.body().at("/data/priceSats").asInt()).isEqualTo(5);
        String token = payChallenge(unpaid.header("WWW-Authenticate"));
        HttpJson.Reply privateUrl = CLIENT.post("/api/probe", "{\"url\":\"http://10.1.2.3/x\"}", "Authorization", token);
        assertThat(privateUrl.status()).isEqualTo(400);
        assertThat(privateUrl.body().at("/error/code").asText()).isEqualTo("URL_NOT_ALLOWED");
        assertThat(CLIENT.post("/api/probe", "{\"url\":\"ftp://x\"}", "Authorization", token).status()).isEqualTo(400);
        HttpJson.Reply probed = CLIENT.post("/api/probe", "{\"url\":\"" + url + "\"}", "Authorization", token);
        assertThat(probed.status()).as(String.valueOf(probed.body())).isEqualTo(200);
        assertThat(probed.header("X-SatRank-Balance")).as("the refusals were free").isEqualTo("0");
        // one probe is one draw of the service's own per-request failures (an unparseable challenge, a
        // failed payment, a 503 delivery): a probe that met one is still a sold probe; buy another until one goes through
        for (int bought = 1; bought < 6 && !(probed.body().at("/data/target").asText().equals("L402")
                && probed.body().at("/data/secondFetch/status").asInt() == 200); bought++) {
            assertThat(probed.body().at("/data/target").asText()).isIn("L402", "NOT_L402");
            String again = payChallenge(post("/api/probe", "{\"url\":\"" + url + "\"}", null, "application/json")
                    .header("WWW-Authenticate"));
            probed = CLIENT.post("/api/probe", "{\"url\":\"" + url + "\"}", "Authorization", again);
            assertThat(probed.status()).as(String.valueOf(probed.body())).isEqualTo(200);
        }
        assertThat(probed.body().at("/data/target").asText()).isEqualTo("L402");
        assertThat(probed.body().at("/data/firstFetch/status").asInt()).isEqualTo(402);
        assertThat(probed.body().at("/data/payment/preimage").asText()).hasSize(64);
        assertThat(probed.body().at("/data/secondFetch/status").asInt()).isEqualTo(200);
        assertThat(probed.body().at("/data/cost/creditsDeducted").asInt()).isEqualTo(5);

        // a fresh intent is paid (2 sats) and checks the top three now
        String freshBody = "{\"category\":\"" + category + "\",\"limit\":3}";
        HttpJson.Reply freshUnpaid = post("/api/intent?fresh=true", freshBody, null, "application/json");
        assertThat(freshUnpaid.status()).isEqualTo(402);
        String freshToken = payChallenge(freshUnpaid.header("WWW-Authenticate"));
        HttpJson.Reply fresh = CLIENT.post("/api/intent?fresh=true", freshBody, "Authorization", freshToken);
        assertThat(fresh.status()).as(String.valueOf(fresh.body())).isEqualTo(200);
        assertThat(fresh.body().at("/intent/fresh").asBoolean()).isTrue();
        assertThat(fresh.body().at("/meta/upgrade_path").isMissingNode()).as("nothing left to buy").isTrue();
        long newest = Long.MAX_VALUE;
        for (JsonNode c : fresh.body().get("candidates")) {
            newest = Math.min(newest, c.at("/health/last_probe_age_sec").asLong(Long.MAX_VALUE));
        }
        assertThat(newest).as("the top candidates were checked just now").isLessThanOrEqualTo(10);
        assertThat(fresh.header("X-SatRank-Balance")).isEqualTo("0");
    }

    static final List<String> TOOLS = List.of("get_agent_score", "get_verdict", "get_batch_verdicts", "get_top_agents",
            "search_agents", "get_top_movers", "get_network_stats", "intent", "get_services", "ping", "report",
            "get_profile");

    /**
     * Issue 13's MCP promise, checked by a client we do not own (the MCP Inspector CLI from npm): it lists
     * the tools over streamable HTTP at /mcp and over stdio ({@code satrank mcp}), and a call of each tool
     * returns data; the paid ones, with no credential configured, return their L402 challenge.
     */
    @Test
    void the_mcp_inspector_lists_and_calls_every_tool_over_http_and_stdio() throws Exception {
        McpInspector.install();
        awaitScoredEndpoints(50);
        String base = "http://127.0.0.1:" + APP.getLocalPort();
        List<String> http = List.of(base + "/mcp");
        List<String> stdio = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("user.dir"), "target", "satrank.jar").toString(), "mcp", "--api", base);
        Map<String, String> key = Map.of("SATRANK_API_KEY", KEY);
        for (List<String> target : List.of(http, stdio)) {
            JsonNode listed = McpInspector.call(target, key, "tools/list", null);
            List<String> names = new java.util.ArrayList<>();
            listed.get("tools").forEach(t -> names.add(t.get("name").asText()));
            assertThat(names).as(String.join(" ", target)).containsExactlyInAnyOrderElementsOf(TOOLS);
        }
        JsonNode top = get("/api/agents/top?limit=1").body().at("/data/0");
        String pubkey = top.get("publicKey").asText();
        String alias = top.get("alias").asText();
        String category = get("/api/intent/categories").body().at("/categories/0/name").asText();
        Map<String, String[]> calls = new java.util.LinkedHashMap<>();
        calls.put("get_agent_score", new String[] {"id=" + pubkey});
        calls.put("get_verdict", new String[] {"id=" + pubkey});
        calls.put("get_batch_verdicts", new String[] {"ids=[\"" + pubkey + "\"]"});
        calls.put("get_top_agents", new String[] {"limit=3"});
        calls.put("search_agents", new String[] {"alias=" + alias.substring(0, Math.min(3, alias.length()))});
        calls.put("get_top_movers", new String[] {});
        calls.put("get_network_stats", new String[] {});
        calls.put("intent", new String[] {"category=" + category, "limit=2"});
        calls.put("get_services", new String[] {"limit=2"});
        calls.put("ping", new String[] {"pubkey=" + pubkey});
        calls.put("report", new String[] {"target=" + pubkey, "outcome=success", "memo=mcp"});
        calls.put("get_profile", new String[] {"id=" + pubkey});
        for (var call : calls.entrySet()) {
            JsonNode result = McpInspector.call(stdio, key, "tools/call", call.getKey(), call.getValue());
            assertThat(result.path("isError").asBoolean()).as(call.getKey() + ": " + result).isFalse();
            String text = result.at("/content/" + (result.get("content").size() - 1) + "/text").asText();
            JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            assertThat(data.has("data") || data.has("candidates")).as(call.getKey() + ": " + text).isTrue();
            if (call.getKey().equals("get_profile") || call.getKey().equals("get_batch_verdicts")) {
                assertThat(data.at("/error/code").asText()).as("no credential: the challenge").isEqualTo("PAYMENT_REQUIRED");
                assertThat(data.at("/data/invoice").asText()).startsWith("ln");
            }
        }
        JsonNode overHttp = McpInspector.call(http, Map.of(), "tools/call", "intent", "category=" + category);
        assertThat(overHttp.path("isError").asBoolean()).isFalse();
        assertThat(overHttp.at("/content/0/text").asText()).contains("\"candidates\"");
        JsonNode keyless = McpInspector.call(http, Map.of(), "tools/call", "report", "target=" + pubkey, "outcome=failure");
        assertThat(keyless.path("isError").asBoolean()).as("over HTTP the server holds no key of ours").isTrue();
        List<String> keyed = List.of(base + "/mcp", "--header", "X-API-Key: " + KEY);
        String other = get("/api/agents/top?limit=2").body().at("/data/1/publicKey").asText(); // one report per hour each
        JsonNode withKey = McpInspector.call(keyed, Map.of(), "tools/call", "report", "target=" + other,
                "outcome=failure");
        assertThat(withKey.path("isError").asBoolean()).as("the MCP client's own key: " + withKey).isFalse();
    }

    private static HttpJson.Reply signed(com.satrank.nostr.NostrKeys keys, String method, String body) throws Exception {
        String url = "http://localhost:" + APP.getLocalPort() + "/api/services/register";
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = CLIENT.request("/api/services/register").header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (keys != null) {
            request.header("Authorization", com.satrank.nostr.Nip98.authorization(keys, method, url, bytes,
                    Instant.now().getEpochSecond()));
        }
        return CLIENT.send(request.build());
    }

    /** Issue 13: an operator claims an endpoint with a NIP-98 signature, changes it and deletes it; nobody else can. */
    @Test
    void an_operator_registers_updates_and_deletes_a_service_with_nip98() throws Exception {
        awaitScoredEndpoints(50);
        JsonNode listed = get("/api/services?sort=p_success&limit=1").body().at("/data/0");
        String url = listed.get("url").asText();
        String hash = listed.get("urlHash").asText();
        var alice = com.satrank.nostr.NostrKeys.generate();
        var bob = com.satrank.nostr.NostrKeys.generate();
        String body = "{\"url\":\"" + url + "\",\"name\":\"Alice's service\",\"category\":\"AI/LLM\"}";

        assertThat(signed(null, "POST", body).body().at("/error/code").asText()).isEqualTo("NIP98_INVALID");
        HttpJson.Reply registered = signed(alice, "POST", body);
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        assertThat(registered.body().at("/data/operator_id").asText()).isEqualTo(alice.publicKeyHex());
        assertThat(registered.body().at("/data/url_hash").asText()).isEqualTo(hash);
        assertThat(registered.body().at("/data/priceSats").asLong()).isPositive();
        assertThat(signed(bob, "POST", body).body().at("/error/code").asText()).isEqualTo("ALREADY_CLAIMED");
        assertThat(signed(alice, "POST", "{\"url\":\"http://10.1.2.3/paid\"}").body().at("/error/code").asText())
                .isEqualTo("URL_NOT_ALLOWED");
        String notL402 = "http://127.0.0.1:" + APP.getLocalPort() + "/api/health";
        assertThat(signed(alice, "POST", "{\"url\":\"" + notL402 + "\"}").body().at("/error/code").asText())
                .isEqualTo("NOT_L402");
        assertThat(signed(alice, "POST", "{\"url\":\"" + url + "\",\"name\":5}").status()).isEqualTo(400);

        String patch = "{\"url\":\"" + url + "\",\"description\":\"now with more weather\",\"provider\":null}";
        assertThat(signed(bob, "PATCH", patch).body().at("/error/code").asText()).isEqualTo("NOT_OWNER");
        HttpJson.Reply updated = signed(alice, "PATCH", patch);
        assertThat(updated.status()).as(String.valueOf(updated.body())).isEqualTo(200);
        assertThat(updated.body().at("/data/fields").toString()).isEqualTo("[\"description\",\"provider\"]");
        assertThat(signed(alice, "PATCH", "{\"url\":\"https://unknown.example/x\"}").status()).isEqualTo(404);

        Instant until = Instant.now().plusSeconds(60);
        String operator = "";
        while (Instant.now().isBefore(until) && !operator.equals(alice.publicKeyHex())) {
            Thread.sleep(1000);
            operator = get("/api/endpoint/" + hash).body().at("/data/operator_id").asText();
        }
        assertThat(operator).as("the next pass names the operator").isEqualTo(alice.publicKeyHex());

        String delete = "{\"url\":\"" + url + "\",\"reason\":\"moving\"}";
        assertThat(signed(bob, "DELETE", delete).status()).isEqualTo(403);
        assertThat(signed(alice, "DELETE", delete).body().at("/data/deprecated").asBoolean()).isTrue();
        assertThat(signed(alice, "DELETE", delete).body().at("/error/code").asText()).isEqualTo("ALREADY_DEPRECATED");
    }

    @Test
    void bad_input_on_the_service_routes_is_a_json_4xx() throws Exception {
        awaitScoredEndpoints(1);
        for (String path : new String[] {"/api/services?sort=bogus", "/api/services?minPSuccess=2",
            "/api/services?minUptime=abc", "/api/services?limit=0", "/api/services?q=" + "x".repeat(101),
            "/api/services?category=9bad", "/api/services/best?minUptime=-1", "/api/endpoint/zz",
            "/api/services/" + "A".repeat(64), "/api/ping/zz", "/api/ping/02" + "1".repeat(64) + "?from=xyz"}) {
            HttpJson.Reply r = get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.body().at("/error/code").asText()).as(path).isEqualTo("VALIDATION_ERROR");
        }
        for (String body : new String[] {"{\"category\":\"\"}", "{\"category\":5}", "{\"category\":\"data\",\"limit\":50}",
            "{\"category\":\"data\",\"budget_sats\":-1}", "{\"category\":\"data\",\"optimize\":\"speed\"}",
            "{\"category\":\"data\",\"keywords\":\"weather\"}", "{\"category\":\"data\",\"limit\":\"5\"}"}) {
            HttpJson.Reply r = post("/api/intent", body, null, "application/json");
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.body().at("/error/code").asText()).as(body).isIn("VALIDATION_ERROR", "MALFORMED_REQUEST");
        }
        assertThat(get("/api/ping/02" + "1".repeat(64)).status()).as("a node we do not index").isEqualTo(404);
        HttpJson.Reply unknown = post("/api/intent", "{\"category\":\"no-such-category\"}", null, "application/json");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/error/code").asText()).isEqualTo("INVALID_CATEGORY");
        assertThat(unknown.body().at("/error/message").asText()).contains("GET /api/intent/categories");
    }

    private static double gauge(String metrics, String series) {
        return PrometheusText.value(metrics, series).orElse(0);
    }

    @Test
    void metrics_parse_as_prometheus_text_and_carry_satrank_metrics() throws Exception {
        get("/api/agents/top");
        HttpJson.Reply metrics = get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Set<String> names = PrometheusText.parse(metrics.raw().body());
        assertThat(names).contains("satrank_http_request_duration_seconds_bucket",
                "satrank_http_request_duration_seconds_count", "satrank_log_appended_bytes_total",
                "satrank_lnd_call_duration_seconds_count", "satrank_pipeline_lag_events", "satrank_l402_rejected_total",
                "satrank_http_refused_total", "jvm_memory_used_bytes", "satrank_pipeline_pass_duration_seconds_bucket");
        assertThat(metrics.raw().body()).contains("route=\"/api/agents/top\"")
                .contains("satrank_http_refused_total{reason=\"payload_too_large\"} 0");
        promtoolAccepts(metrics.raw().body());
        // the dashboard and the alert rules only name series this process exports
        java.nio.file.Path repo = java.nio.file.Path.of(System.getProperty("user.dir")).getParent();
        for (String file : java.util.List.of("docker/grafana/dashboards/satrank.json", "docker/prometheus/alerts.yml")) {
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("satrank_[a-z_]+")
                    .matcher(java.nio.file.Files.readString(repo.resolve(file)));
            while (named.find()) {
                assertThat(names).as(file).anyMatch(n -> n.equals(named.group()) || n.startsWith(named.group() + "_"));
            }
        }
    }

    /** promtool (Debian's prometheus package, installed by .ci/run) finds nothing to warn about. */
    private static void promtoolAccepts(String exposition) throws Exception {
        boolean installed = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "promtool")));
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "promtool not installed (.ci/run installs it)");
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(out).isZero();
        assertThat(out.strip()).as("promtool warnings").isEmpty();
    }

    @Test
    void openapi_document_is_valid_3_1_and_names_every_registered_route() throws Exception {
        HttpJson.Reply doc = get("/api/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        var options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        var parsed = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(doc.raw().body(), null, options);
        assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");

        java.util.Set<String> registered = new java.util.TreeSet<>();
        var config = APP.getEnvironment().jersey().getResourceConfig();
        java.util.List<Class<?>> classes = new java.util.ArrayList<>(config.getClasses());
        config.getInstances().forEach(i -> classes.add(i.getClass()));
        for (Class<?> c : classes) {
            if (c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                collect(org.glassfish.jersey.server.model.Resource.from(c), "", registered);
            }
        }
        assertThat(registered).contains("GET /api/agents/top", "GET /metrics", "GET /api/openapi.json");
        var paths = parsed.getOpenAPI().getPaths();
        for (String route : registered) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(paths).as("OpenAPI paths").containsKey(path);
            assertThat(paths.get(path).readOperationsMap().keySet().stream().map(Enum::name))
                    .as(route).contains(method);
        }
    }

    private static void collect(org.glassfish.jersey.server.model.Resource resource, String prefix,
                                java.util.Set<String> out) {
        String path = (prefix + "/" + resource.getPath()).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (var method : resource.getResourceMethods()) {
            out.add(method.getHttpMethod() + " " + path);
        }
        for (var child : resource.getChildResources()) {
            collect(child, path, out);
        }
    }

    @Test
    void the_prometheus_reader_rejects_broken_text() {
        assertThatThrownBy(() -> PrometheusText.parse("foo 1\n")).hasMessageContaining("without TYPE");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE foo gauge\nfoo{a=b} 1\n")).hasMessageContaining("bad label");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE foo gauge\nfoo one\n"))
                .isInstanceOf(NumberFormatException.class);
    }
}
