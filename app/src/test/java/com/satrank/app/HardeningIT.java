package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.app.commands.ModeCommand;
import com.satrank.app.config.ProcessMode;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndsim.SimPayClient;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API from the outside, as an attacker or a careless client would use it: every refusal Jetty
 * or Jersey can produce is our JSON envelope with a 4xx, never a 5xx or an HTML page; a fuzz over
 * every route of the OpenAPI document (methods, path and query values, bodies, encodings, framing,
 * headers) finds no 5xx; refusals on paid routes cost no credit; and the contract slips found by
 * the outside review stay fixed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HardeningIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = DemoNodes.tempDir("satrank-hardening-it");
    private static final int SIM_PORT = 10139;
    private static final DropwizardAppExtension<SatRankConfiguration> APP = new DropwizardAppExtension<>(
            SatRankApplication.class, ResourceHelpers.resourceFilePath("l402-test.yml"), (String) null,
            app -> new ModeCommand(app, "demo", "demo", ProcessMode.DEMO),
            ConfigOverride.config("dataDir", DATA.toString()),
            ConfigOverride.config("sim.port", String.valueOf(SIM_PORT)),
            ConfigOverride.config("limits.challengesPerMinutePerAddress", "5"));
    private static final HttpJson HTTP = new HttpJson(APP::getLocalPort);
    private static String node;

    @BeforeAll
    static void waitForNodes() throws Exception {
        node = DemoNodes.awaitRanked(HTTP, "X-Forwarded-For", "198.51.100.1");
    }

    private static int port() {
        return APP.getLocalPort();
    }

    /** A 4xx in our envelope: JSON, a code, a message naming no Java class. */
    private static void assertEnvelope(RawHttp.Reply r, String what) throws Exception {
        assertThat(r.status()).as(what + ": " + r.body()).isBetween(400, 499);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/error/code").asText()).as(what).matches("[A-Z_0-9]+");
        String message = body.at("/error/message").asText();
        assertThat(message).as(what).isNotBlank().doesNotContain("com.satrank").doesNotContain("$")
                .doesNotContain("Exception").doesNotContain("jakarta.");
        assertThat(body.get("requestId").asText()).as(what).isNotBlank();
    }

    private static String get(String target, String... headers) {
        StringBuilder b = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    @Test
    void every_refusal_jetty_or_jersey_can_make_is_our_json_envelope() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("TRACE", "TRACE /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        cases.put("PROPFIND", "PROPFIND /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        cases.put("lowercase get", "get /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        cases.put("DELETE on a GET route", "DELETE /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        cases.put("ambiguous ..;/", get("/api/..;/api/stats"));
        cases.put("empty segments", get("//api//stats"));
        cases.put("encoded NUL in query", get("/api/agents/search?alias=%00"));
        cases.put("encoded NUL in path", get("/api/agent/ab%00cd"));
        cases.put("414", get("/api/stats?" + "a".repeat(20_000)));
        cases.put("431", get("/api/stats", "X-Big: " + "a".repeat(20_000)));
        cases.put("417", get("/api/stats", "Expect: something-else"));
        cases.put("unknown route", get("/api/nothing-here"));
        cases.put("empty Content-Type", "POST /api/report HTTP/1.1\r\nHost: x\r\nContent-Type: \r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        cases.put("gzip header, plain body", "POST /api/report HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}");
        cases.put("broken chunked framing", "POST /api/report HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n");
        cases.put("both Content-Length and chunked", "POST /api/report HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        cases.put("JSON naming a class", "POST /api/deposit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\n[1]");
        cases.put("unknown Content-Encoding", "POST /api/report HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: br\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertEnvelope(RawHttp.send(port(), c.getValue()), c.getKey());
        }
        RawHttp.Reply connect = RawHttp.send(port(), "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n");
        assertEnvelope(connect, "CONNECT");
        assertThat(connect.closedByServer()).as("CONNECT does not hold the connection").isTrue();
        assertThat(connect.millis()).as("answered at once").isLessThan(5_000);
    }

    @Test
    void a_body_over_the_cap_is_413_whatever_the_framing_and_route() throws Exception {
        String big = "{\"target\":\"" + "a".repeat(10_000) + "\"}";
        for (String route : List.of("/api/report", "/api/deposit", "/api/verdicts", "/api/intent")) {
            String head = "POST " + route + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: L402 deposit:" + "11".repeat(32) + "\r\nConnection: close\r\n";
            RawHttp.Reply sized = RawHttp.send(port(), head + "Content-Length: " + big.length() + "\r\n\r\n" + big);
            RawHttp.Reply chunked = RawHttp.send(port(), head + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");
            for (RawHttp.Reply r : List.of(sized, chunked)) {
                assertEnvelope(r, route);
                // a paid route may refuse the unknown deposit first (402); never a 400 for size
                assertThat(r.status()).as(route).isIn(413, 402);
            }
        }
    }

    @Test
    void refusals_on_a_paid_route_cost_no_credit() throws Exception {
        String token = depositToken(21);
        String hash = token.substring(token.indexOf(':') + 1);
        hash = java.util.HexFormat.of().formatHex(com.satrank.model.Sha256.of(java.util.HexFormat.of().parseHex(hash)));
        assertThat(balance(hash)).isEqualTo(21);
        String big = "{\"ids\":[\"" + "a".repeat(10_000) + "\"]}";
        RawHttp.Reply chunked = RawHttp.send(port(), "POST /api/verdicts HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nAuthorization: " + token + "\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.header("X-SatRank-Balance")).isEqualTo("21");
        HttpJson.Reply unknown = HTTP.get("/api/profile/" + "02" + "ab".repeat(32), "Authorization", token);
        assertThat(unknown.status()).isEqualTo(404);
        HttpJson.Reply badIds = HTTP.post("/api/verdicts", "{\"ids\":\"x\"}", "Authorization", token);
        assertThat(badIds.status()).isEqualTo(400);
        for (int i = 0; i < 30; i++) {
            assertThat(HTTP.post("/api/verdicts", "{\"ids\":[\"nope\"]}", "Authorization", token).status()).isEqualTo(400);
        }
        assertThat(balance(hash)).as("no 4xx cost anything").isEqualTo(21);
        assertThat(HTTP.get("/api/profile/" + node, "Authorization", token).status()).isEqualTo(200);
        assertThat(balance(hash)).isEqualTo(20);
    }

    @Test
    void challenges_are_limited_per_address_and_refused_ones_ask_lnd_for_nothing() throws Exception {
        String address = "203.0.113.9";
        int challenged = 0;
        HttpJson.Reply last = null;
        for (int i = 0; i < 8; i++) {
            last = HTTP.get("/api/profile/" + node, "X-Forwarded-For", address);
            if (last.status() == 402) {
                challenged++;
            }
        }
        assertThat(challenged).as("5 a minute per address").isEqualTo(5);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
        assertThat(last.body().at("/error/code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(HTTP.post("/api/deposit", "{\"amount\":100}", "X-Forwarded-For", address).status())
                .as("deposit invoices share the budget").isEqualTo(429);
        assertThat(HTTP.get("/api/profile/" + node, "X-Forwarded-For", "203.0.113.10").status())
                .as("another address").isEqualTo(402);
    }

    @Test
    void contract_slips_stay_fixed() throws Exception {
        String ip = "198.51.100.20";
        HttpJson.Reply unknownToken = HTTP.get("/api/profile/" + node, "Authorization",
                "L402 deposit:" + "cd".repeat(32), "X-Forwarded-For", ip);
        assertThat(unknownToken.status()).isEqualTo(402);
        assertThat(unknownToken.body().at("/error/code").asText()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(unknownToken.header("WWW-Authenticate")).startsWith("L402 macaroon=\"").contains("invoice=\"");
        HttpJson.Reply deposit = HTTP.post("/api/deposit", "{\"amount\":21}", "X-Forwarded-For", ip);
        assertThat(deposit.status()).isEqualTo(402);
        assertThat(deposit.header("WWW-Authenticate"))
                .isEqualTo("L402 invoice=\"" + deposit.body().at("/data/invoice").asText() + "\"");

        String report = "{\"target\":\"" + node + "\",\"outcome\":\"%s\",\"amountSats\":%s}";
        for (String[] bad : new String[][] {{"SUCCESS", "10"}, {"success", "1.5"}, {"success", "\"10\""}}) {
            HttpJson.Reply r = HTTP.post("/api/report", String.format(report, bad[0], bad[1]), "X-API-Key",
                    "l402-test-api-key-0123456789abcdef", "X-Forwarded-For", ip);
            assertThat(r.status()).as(String.join(" ", bad)).isEqualTo(400);
        }
        assertThat(HTTP.get("/api/agents/top?limit=%D9%A3", "X-Forwarded-For", ip).status())
                .as("Arabic-Indic 3").isEqualTo(400);
        assertThat(HTTP.get("/api/agents/top?limit=3", "X-Forwarded-For", ip).status()).isEqualTo(200);

        HttpJson.Reply agent = HTTP.get("/api/agent/" + node, "X-Forwarded-For", ip);
        assertThat(agent.body().at("/data/agent/lastSeen").asLong())
                .isGreaterThanOrEqualTo(agent.body().at("/data/agent/firstSeen").asLong());
        HttpJson.Reply top = HTTP.get("/api/agents/top?limit=100", "X-Forwarded-For", ip);
        for (JsonNode entry : top.body().get("data")) {
            JsonNode v = HTTP.get("/api/agent/" + entry.get("publicKey").asText() + "/verdict", "X-Forwarded-For",
                    "198.51.100.21").body().get("data");
            if (v.get("n_obs").asDouble() < 3) {
                assertThat(v.get("is_meaningful").asBoolean()).as("n_obs %s", v.get("n_obs")).isFalse();
            }
        }
    }

    @Test
    void deposit_redemptions_count_as_revenue() throws Exception {
        double before = metric("satrank_l402_revenue_sats_total{kind=\"deposit\"}");
        depositToken(1000);
        assertThat(metric("satrank_l402_revenue_sats_total{kind=\"deposit\"}")).isEqualTo(before + 1000);
    }

    /** The node intent asks pathfinding for the amount in question, not for 1 000 sat whatever was asked. */
    @Test
    void node_intent_asks_pathfinding_for_the_amount_asked_about() throws Exception {
        String caller = node;
        JsonNode ranked = HTTP.get("/api/agents/top?limit=100&offset=100", "X-Forwarded-For", "198.51.100.40")
                .body().get("data");
        for (JsonNode candidate : ranked) {
            // all its channels together hold less than 1 BTC: no route can carry 1 BTC to it
            if (candidate.at("/lightningGraph/capacitySats").asLong() >= 100_000_000) {
                continue;
            }
            String target = candidate.get("publicKey").asText();
            if (intent(caller, target, 1_000).at("/pathfinding/reachable").asBoolean()) {
                JsonNode oneBtc = intent(caller, target, 100_000_000);
                assertThat(oneBtc.at("/pathfinding/reachable").asBoolean())
                        .as("1 BTC to a node holding less than that").isFalse();
                // and its channels say so before any probe does: a structural zero, whatever its history
                assertThat(oneBtc.get("amountSats").asLong()).isEqualTo(100_000_000);
                assertThat(oneBtc.get("verdict").asText()).isEqualTo("RISKY");
                assertThat(oneBtc.get("decision").asText()).isEqualTo("NO_GO");
                return;
            }
        }
        throw new AssertionError("no node reachable for 1 000 sat among those ranked 100 to 200");
    }

    private static JsonNode intent(String caller, String target, long amountSats) throws Exception {
        HttpJson.Reply r = HTTP.post("/api/intent", "{\"target\":\"" + target + "\",\"caller\":\"" + caller
                + "\",\"amountSats\":" + amountSats + "}", "X-Operator-Token", "operator-token-for-tests-4f9a2c7e1b",
                "X-Forwarded-For", "198.51.100.41");
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r.body().get("data");
    }

    private static double metric(String series) throws Exception {
        return PrometheusText.value(HTTP.get("/metrics").raw().body(), series)
                .orElseThrow(() -> new AssertionError(series + " not exported"));
    }

    /**
     * Random requests against every operation of our OpenAPI document: odd methods, path and query
     * values (empty, huge, NUL, other scripts' digits, traversal), bodies (wrong types, deep nesting,
     * garbage, gzip right and wrong), framing and headers. Nothing may answer 5xx, and every error
     * must be our envelope.
     */
    @Test
    void fuzz_of_every_openapi_route_finds_no_5xx_and_no_foreign_error_body() throws Exception {
        JsonNode spec = HTTP.get("/api/openapi.json").body();
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.add(new String[] {method.toUpperCase(java.util.Locale.ROOT), path.getKey()});
                }
            }
        }
        assertThat(operations).hasSizeGreaterThan(15);
        Random random = new Random(14);
        int requests = 0;
        for (int round = 0; round < 80; round++) {
            for (String[] op : operations) {
                byte[] request = fuzzedRequest(random, op[0], op[1]);
                RawHttp.Reply r = RawHttp.send(port(), request, 10_000);
                requests++;
                String what = new String(request, 0, Math.min(200, request.length), StandardCharsets.ISO_8859_1);
                assertThat(r.status()).as(what + " → " + r.body()).isBetween(200, 499);
                if (r.status() >= 400 && !what.startsWith("HEAD ")) { // a HEAD answer has no body
                    assertEnvelope(r, what);
                }
            }
        }
        assertThat(requests).isGreaterThan(1_200);
    }

    private static final String[] VALUES = {"", "0", "-1", "1", "100", "101", "99999999999", "%00", "%D9%A3",
        "..%2F..%2Fetc", "%E2%80%AE", "a".repeat(300), "02" + "ab".repeat(32), "ab".repeat(32), "null", "%27%22",
        "1e3", "+5", "%20", "%FF%FE", "true"};
    private static final String[] BODIES = {"", "{}", "[]", "null", "1", "\"x\"", "{\"ids\":[]}", "{\"ids\":\"x\"}",
        "{\"ids\":[1,2]}", "{\"amount\":1.5}", "{\"amount\":-1}", "{\"amount\":\"21\"}", "{\"amount\":1e30}",
        "{\"target\":null,\"outcome\":\"success\"}", "{\"target\":\"\\u0000\"}", "{\"outcome\":{}}",
        "[".repeat(2000), "{\"a\":", "\u00ff\u00fe", "{\"paymentHash\":\"00\",\"preimage\":\"zz\"}",
        "{\"target\":\"02" + "ab".repeat(32) + "\",\"caller\":\"03" + "cd".repeat(32) + "\",\"amountSats\":0}"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "get",
        "FOO"};
    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "application/json; charset=latin1",
        "", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*"};

    private static byte[] fuzzedRequest(Random random, String method, String path) throws Exception {
        String m = random.nextInt(5) == 0 ? METHODS[random.nextInt(METHODS.length)] : method;
        String target = path;
        while (target.contains("{")) {
            target = target.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(pick(random, VALUES)));
        }
        if (random.nextBoolean()) {
            String[] names = {"limit", "offset", "sort_by", "alias", "window", "amountSats", "q"};
            target += "?" + names[random.nextInt(names.length)] + "=" + pick(random, VALUES)
                    + "&" + names[random.nextInt(names.length)] + "=" + pick(random, VALUES);
        }
        byte[] body = pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(m + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        head.append("X-Forwarded-For: 192.0.2.").append(random.nextInt(250)).append("\r\n");
        if (random.nextInt(3) > 0) {
            head.append("Content-Type: ").append(pick(random, CONTENT_TYPES)).append("\r\n");
        }
        switch (random.nextInt(8)) {
            case 0 -> head.append("Authorization: L402 deposit:").append("ef".repeat(32)).append("\r\n");
            case 1 -> head.append("Authorization: L402 ").append(pick(random, VALUES)).append("\r\n");
            case 2 -> head.append("X-API-Key: ").append(pick(random, VALUES)).append("\r\n");
            case 3 -> head.append("Accept: text/html\r\n");
            default -> { }
        }
        int encoding = random.nextInt(6);
        if (encoding == 0) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(body);
            }
            body = zipped.toByteArray();
            head.append("Content-Encoding: gzip\r\n");
        } else if (encoding == 1) {
            head.append("Content-Encoding: ").append(random.nextBoolean() ? "gzip" : "deflate").append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body.length > 0) {
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write((random.nextInt(5) == 0 ? "" : "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } else {
            int declared = random.nextInt(10) == 0 ? body.length + 5 : body.length;
            head.append("Content-Length: ").append(declared).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        }
        return out.toByteArray();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String depositToken(long amount) throws Exception {
        HttpJson.Reply issued = HTTP.post("/api/deposit", "{\"amount\":" + amount + "}", "X-Forwarded-For", "198.51.100.30");
        assertThat(issued.status()).isEqualTo(402);
        Path sim = DATA.resolve("lnd-sim");
        String preimage = SimPayClient.pay(new LndEndpoint("localhost", SIM_PORT, sim.resolve("tls.cert"),
                sim.resolve("pay.macaroon"), Duration.ofSeconds(10)), issued.body().at("/data/invoice").asText()).preimageHex();
        HttpJson.Reply redeemed = HTTP.post("/api/deposit", "{\"paymentHash\":\"" + issued.body().at("/data/paymentHash")
                .asText() + "\",\"preimage\":\"" + preimage + "\"}", "X-Forwarded-For", "198.51.100.30");
        assertThat(redeemed.status()).isEqualTo(201);
        return redeemed.body().at("/data/token").asText();
    }

    private static long balance(String hash) throws Exception {
        HttpJson.Reply r = HTTP.get("/api/deposit/" + hash, "X-Forwarded-For", "198.51.100.31");
        return r.status() == 404 ? -1 : r.body().at("/data/balanceCredits").asLong();
    }
}
