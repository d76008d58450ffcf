package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.l402.L402Tokens;
import com.satrank.lndsim.SimPayClient;
import com.satrank.model.Sha256;
import com.satrank.app.config.ProcessMode;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.app.commands.ModeCommand;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * L402 end to end against the running demo and lnd-sim: challenge → pay (lnd-sim) → 200 →
 * exhausted → 402; deposits; operator bypass; and the attacks, each answered with the right 4xx
 * and no change to any balance.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class L402BillingIT {
    private static final String SECRET = "3b1f0c6a9d2e8f4b7c5a1e0d9f8b6a4c2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a";
    private static final String OPERATOR = "operator-token-for-tests-4f9a2c7e1b";
    private static final Path DATA = DemoNodes.tempDir("satrank-l402-it");
    private static final DropwizardAppExtension<SatRankConfiguration> APP = new DropwizardAppExtension<>(
            SatRankApplication.class, ResourceHelpers.resourceFilePath("l402-test.yml"), (String) null,
            app -> new ModeCommand(app, "demo", "demo", ProcessMode.DEMO),
            ConfigOverride.config("dataDir", DATA.toString()));
    private static final HttpJson HTTP = new HttpJson(APP::getLocalPort);
    private static final L402Tokens OURS = new L402Tokens(HexFormat.of().parseHex(SECRET), "satrank", "satrank");
    private static String node;

    @BeforeAll
    static void waitForNodes() throws Exception {
        node = DemoNodes.awaitRanked(HTTP);
    }

    private static String pay(String invoice) {
        Path sim = DATA.resolve("lnd-sim");
        return SimPayClient.pay(new LndEndpoint("localhost", 10129, sim.resolve("tls.cert"), sim.resolve("pay.macaroon"),
                Duration.ofSeconds(10)), invoice).preimageHex();
    }

    /** A token we mint ourselves (we know the test secret) for a payment we "made" with our own preimage. */
    private record Minted(String header, String hash) {
    }

    private static Minted mint(long sats, Instant validUntil, L402Tokens tokens) {
        byte[] preimage = new byte[32];
        new SecureRandom().nextBytes(preimage);
        byte[] hash = Sha256.of(preimage);
        byte[] tokenId = new byte[32];
        new SecureRandom().nextBytes(tokenId);
        String macaroon = tokens.mint(hash, tokenId, sats * 1000, validUntil);
        return new Minted("L402 " + macaroon + ":" + HexFormat.of().formatHex(preimage), HexFormat.of().formatHex(hash));
    }

    private static long balance(String hash) throws Exception {
        HttpJson.Reply r = HTTP.get("/api/deposit/" + hash);
        return r.status() == 404 ? -1 : r.body().at("/data/balanceCredits").asLong();
    }

    @Test
    void challenge_pay_use_then_exhausted_gets_a_fresh_challenge() throws Exception {
        HttpJson.Reply challenge = HTTP.get("/api/profile/" + node);
        assertThat(challenge.status()).isEqualTo(402);
        assertThat(challenge.body().at("/error/code").asText()).isEqualTo("PAYMENT_REQUIRED");
        JsonNode data = challenge.body().get("data");
        assertThat(data.get("priceSats").asInt()).isEqualTo(1);
        String macaroon = data.get("macaroon").asText();
        String invoice = data.get("invoice").asText();
        assertThat(challenge.header("WWW-Authenticate"))
                .isEqualTo("L402 macaroon=\"" + macaroon + "\", invoice=\"" + invoice + "\"");
        assertThat(com.satrank.bolt11.Bolt11.decode(invoice).paymentHash())
                .isEqualTo(HexFormat.of().parseHex(data.get("paymentHash").asText()));

        String preimage = pay(invoice);
        HttpJson.Reply paid = HTTP.get("/api/profile/" + node, "Authorization", "  lsat " + macaroon + ":" + preimage + " ");
        assertThat(paid.status()).as(String.valueOf(paid.body())).isEqualTo(200);
        assertThat(paid.body().at("/data/agent/publicKey").asText()).isEqualTo(node);
        assertThat(paid.body().at("/data/reports/total").isIntegralNumber()).isTrue();
        assertThat(paid.header("X-SatRank-Balance")).isEqualTo("0");
        assertThat(paid.header("X-SatRank-Balance-Max")).isEqualTo("1");

        HttpJson.Reply replay = HTTP.get("/api/profile/" + node, "Authorization", "L402 " + macaroon + ":" + preimage);
        assertThat(replay.status()).isEqualTo(402);
        assertThat(replay.body().at("/error/code").asText()).isEqualTo("BALANCE_EXHAUSTED");
        assertThat(replay.body().at("/data/invoice").asText()).as("a fresh challenge").isNotEqualTo(invoice);
        assertThat(replay.header("X-SatRank-Balance")).isEqualTo("0");
        assertThat(balance(data.get("paymentHash").asText())).isZero();
    }

    @Test
    void forged_foreign_expired_and_mismatched_credentials_are_401_and_change_nothing() throws Exception {
        Minted funded = mint(5, Instant.now().plus(Duration.ofDays(1)), OURS);
        assertThat(HTTP.get("/api/profile/" + node, "Authorization", funded.header()).status()).isEqualTo(200);
        assertThat(balance(funded.hash())).isEqualTo(4);

        String[] parts = funded.header().substring(5).split(":");
        byte[] raw = java.util.Base64.getDecoder().decode(parts[0]);
        raw[raw.length - 5] ^= 1; // inside the signature
        String forged = "L402 " + java.util.Base64.getEncoder().encodeToString(raw) + ":" + parts[1];
        expect401(forged, "L402_BAD_SIGNATURE");

        L402Tokens other = new L402Tokens(HexFormat.of().parseHex(SECRET.replace('3', '4')), "satrank", "satrank");
        expect401(mint(5, Instant.now().plus(Duration.ofDays(1)), other).header(), "L402_BAD_SIGNATURE");
        expect401(mint(5, Instant.now().minusSeconds(5), OURS).header(), "L402_EXPIRED");
        expect401("L402 " + parts[0] + ":" + "00".repeat(32), "L402_PREIMAGE_MISMATCH");
        Minted another = mint(5, Instant.now().plus(Duration.ofDays(1)), OURS);
        expect401("L402 " + parts[0] + ":" + another.header().split(":")[1], "L402_PREIMAGE_MISMATCH");
        expect401("L402 deposit:not-a-preimage", "L402_MALFORMED");
        expect401("L402 deposit:" + "zz".repeat(32), "L402_MALFORMED");
        assertThat(balance(funded.hash())).as("no attack moved the balance").isEqualTo(4);
        assertThat(balance(another.hash())).as("a mismatched preimage registers nothing").isEqualTo(-1);
    }

    private static void expect401(String authorization, String code) throws Exception {
        HttpJson.Reply r = HTTP.get("/api/profile/" + node, "Authorization", authorization);
        assertThat(r.status()).as(authorization).isEqualTo(401);
        assertThat(r.body().at("/error/code").asText()).isEqualTo(code);
    }

    /**
     * Mangled copies of a valid 3-credit header: each is refused (401/402) unless the change left the
     * credential itself intact (the macaroon's location hint is not signed, and some base64 edits
     * decode to the same bytes), in which case it is billed to the same token. Either way no request
     * is served beyond the 3 credits paid, and nothing crashes.
     */
    @Test
    void fuzzed_authorization_headers_never_ride_free_or_crash() throws Exception {
        Minted funded = mint(3, Instant.now().plus(Duration.ofDays(1)), OURS);
        String good = funded.header();
        Random random = new Random(402);
        int served = 0;
        for (int i = 0; i < 150; i++) {
            char[] chars = good.toCharArray();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                chars[5 + random.nextInt(chars.length - 5)] = (char) (33 + random.nextInt(94));
            }
            String header = random.nextInt(10) == 0 ? good.substring(0, random.nextInt(good.length())) : new String(chars);
            if (header.equals(good)) {
                continue;
            }
            HttpJson.Reply r = HTTP.get("/api/profile/" + node, "Authorization", header);
            assertThat(r.status()).as(header).isIn(200, 401, 402);
            if (r.status() == 200) {
                served++;
            }
        }
        assertThat(served).isLessThanOrEqualTo(3);
        assertThat(balance(funded.hash())).isIn(-1L, 3L - served);
    }

    @Test
    void fifty_concurrent_requests_on_a_ten_credit_token_let_exactly_ten_through() throws Exception {
        Minted token = mint(10, Instant.now().plus(Duration.ofDays(1)), OURS);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> HTTP.get("/api/profile/" + node, "Authorization", token.header()).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
            assertThat(statuses.stream().filter(s -> s == 402).count()).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(token.hash())).isZero();
    }

    @Test
    void deposit_flow_buys_credits_once_and_only_for_our_deposit_invoices() throws Exception {
        assertThat(HTTP.get("/api/deposit/tiers").body().at("/data/tiers/1/requestsPerDeposit").asLong()).isEqualTo(2000);
        HttpJson.Reply issued = HTTP.post("/api/deposit", "{\"amount\":21}");
        assertThat(issued.status()).isEqualTo(402);
        String hash = issued.body().at("/data/paymentHash").asText();
        String preimage = pay(issued.body().at("/data/invoice").asText());
        HttpJson.Reply redeemed = HTTP.post("/api/deposit", "{\"paymentHash\":\"" + hash + "\",\"preimage\":\"" + preimage + "\"}");
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.body().at("/data/token").asText()).isEqualTo("L402 deposit:" + preimage);
        HttpJson.Reply again = HTTP.post("/api/deposit", "{\"paymentHash\":\"" + hash + "\",\"preimage\":\"" + preimage + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().at("/data/alreadyRedeemed").asBoolean()).isTrue();
        assertThat(balance(hash)).isEqualTo(21);

        HttpJson.Reply verdicts = HTTP.post("/api/verdicts", "{\"ids\":[\"" + node + "\",\"" + "ab".repeat(32) + "\"]}",
                "Authorization", "L402 deposit:" + preimage);
        assertThat(verdicts.status()).isEqualTo(200);
        assertThat(verdicts.body().at("/data/1/verdict").asText()).isEqualTo("INSUFFICIENT");
        assertThat(verdicts.header("X-SatRank-Balance")).isEqualTo("20");
        HttpJson.Reply invalid = HTTP.post("/api/verdicts", "{\"ids\":[\"nope\"]}", "Authorization", "L402 deposit:" + preimage);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("X-SatRank-Balance")).as("our own 400 is refunded").isEqualTo("20");
        HttpJson.Reply badAmount = HTTP.post("/api/verdicts", "{\"ids\":[\"" + node + "\"],\"amountSats\":0}",
                "Authorization", "L402 deposit:" + preimage);
        assertThat(badAmount.status()).isEqualTo(400);
        assertThat(badAmount.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        HttpJson.Reply forAmount = HTTP.post("/api/verdicts", "{\"ids\":[\"" + node + "\"],\"amountSats\":250000}",
                "Authorization", "L402 deposit:" + preimage);
        assertThat(forAmount.status()).isEqualTo(200);
        assertThat(forAmount.body().at("/data/0/amount_sats").asLong()).isEqualTo(250_000);
        assertThat(forAmount.body().at("/data/0/p_success").asDouble())
                .isLessThanOrEqualTo(verdicts.body().at("/data/0/p_success").asDouble());
        assertThat(forAmount.header("X-SatRank-Balance")).isEqualTo("19");

        HttpJson.Reply unknown = HTTP.get("/api/profile/" + node, "Authorization", "L402 deposit:" + "cd".repeat(32));
        assertThat(unknown.status()).isEqualTo(402);
        assertThat(unknown.body().at("/error/code").asText()).isEqualTo("TOKEN_UNKNOWN");

        // a paid challenge invoice is not a deposit: redeeming it fails and creates nothing
        HttpJson.Reply challenge = HTTP.get("/api/profile/" + node);
        String challengeHash = challenge.body().at("/data/paymentHash").asText();
        String challengePreimage = pay(challenge.body().at("/data/invoice").asText());
        HttpJson.Reply stolen = HTTP.post("/api/deposit", "{\"paymentHash\":\"" + challengeHash + "\",\"preimage\":\""
                + challengePreimage + "\"}");
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(balance(challengeHash)).isEqualTo(-1);
        assertThat(HTTP.post("/api/deposit", "{\"amount\":20}").status()).isEqualTo(400);
        assertThat(HTTP.post("/api/deposit", "{\"paymentHash\":\"" + hash + "\",\"preimage\":\"" + "00".repeat(32) + "\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void the_operator_token_passes_free_and_intent_answers_go_or_no_go() throws Exception {
        HttpJson.Reply free = HTTP.post("/api/intent", "{\"target\":\"" + node + "\",\"caller\":\"" + node + "\"}",
                "X-Operator-Token", OPERATOR);
        assertThat(free.status()).as(String.valueOf(free.body())).isEqualTo(200);
        assertThat(free.body().at("/data/decision").asText()).isIn("GO", "NO_GO");
        assertThat(free.body().at("/data/successRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(free.body().at("/data/pathfinding/fromCaller").asBoolean()).isTrue();
        assertThat(free.header("X-SatRank-Balance")).isNull();
        HttpJson.Reply wrong = HTTP.post("/api/intent", "{\"target\":\"" + node + "\",\"caller\":\"" + node + "\"}",
                "X-Operator-Token", OPERATOR + "x");
        assertThat(wrong.status()).isEqualTo(402);
        assertThat(wrong.body().at("/data/priceSats").asInt()).isEqualTo(2);
        assertThat(HTTP.post("/api/intent", "{\"target\":\"xyz\"}", "X-Operator-Token", OPERATOR).status()).isEqualTo(400);
    }

    @Test
    void free_routes_are_limited_per_address_and_bodies_are_capped() throws Exception {
        // a client behind the proxy (X-Forwarded-For): its own bucket, so the other tests keep theirs
        int limited = 0;
        String retryAfter = null;
        long started = System.nanoTime();
        double elapsed = 0;
        for (int i = 1; i <= 400 && limited == 0; i++) {
            HttpJson.Reply r = HTTP.get("/api/deposit/tiers", "X-Forwarded-For", "198.51.100.7");
            if (r.status() == 429) {
                limited = i;
                elapsed = (System.nanoTime() - started) / 1e9;
                retryAfter = r.header("Retry-After");
                assertThat(r.body().at("/error/code").asText()).isEqualTo("RATE_LIMITED");
            }
        }
        // 120 a minute, refilled greedily (2 a second) while the loop runs
        assertThat(limited).as("refused past the budget").isGreaterThan(120)
                .isLessThanOrEqualTo(121 + (int) Math.ceil(2 * elapsed) + 1);
        assertThat(Long.parseLong(retryAfter)).isPositive();
        assertThat(HTTP.get("/api/deposit/tiers").status()).as("127.0.0.1 is not affected").isEqualTo(200);
        assertThat(HTTP.post("/api/intent", "{\"category\":\"data\"}", "X-Forwarded-For", "198.51.100.7").status())
                .as("the free service intent shares the address's budget").isEqualTo(429);
        HttpJson.Reply big = HTTP.post("/api/verdicts", "{\"ids\":[\"" + "a".repeat(5000) + "\"]}",
                "X-Operator-Token", OPERATOR);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.body().at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_token_may_report_only_on_targets_it_paid_to_ask_about() throws Exception {
        Minted token = mint(2, Instant.now().plus(Duration.ofDays(1)), OURS);
        String other = HTTP.get("/api/agents/top?limit=2").body().at("/data/1/publicKey").asText();
        String report = "{\"target\":\"%s\",\"outcome\":\"failure\"}";
        HttpJson.Reply before = HTTP.post("/api/report", report.formatted(node), "Authorization", token.header());
        assertThat(before.status()).as("not yet asked about").isEqualTo(401);
        assertThat(HTTP.get("/api/profile/" + node, "Authorization", token.header()).status()).isEqualTo(200);
        HttpJson.Reply accepted = HTTP.post("/api/report", report.formatted(node), "Authorization", token.header());
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(201);
        assertThat(HTTP.post("/api/report", report.formatted(other), "Authorization", token.header()).status())
                .isEqualTo(401);
        assertThat(balance(token.hash())).as("reporting costs nothing").isEqualTo(1);
    }

    @Test
    void the_readme_purchase_script_buys_a_profile() throws Exception {
        Path repo = Path.of(System.getProperty("user.dir")).getParent();
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/l402-purchase.sh").toString(), node)
                .redirectErrorStream(false);
        pb.environment().put("SATRANK_URL", "http://localhost:" + APP.getLocalPort());
        pb.environment().put("SATRANK_JAR", repo.resolve("app/target/satrank.jar").toString());
        pb.environment().put("LND_SIM_PORT", "10129");
        pb.environment().put("LND_SIM_DIR", DATA.resolve("lnd-sim").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("HTTP/1.1 200").contains("X-SatRank-Balance: 0").contains("\"publicKey\":\"" + node);
    }
}
