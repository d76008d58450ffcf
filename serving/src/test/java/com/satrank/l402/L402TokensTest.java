package com.satrank.l402;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class L402TokensTest {
    static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final HexFormat HEX = HexFormat.of();

    final L402Tokens tokens = new L402Tokens(SECRET, "satrank", "https://satrank.example");
    final byte[] preimage = bytes(1);
    final byte[] hash = L402Tokens.sha256(preimage);
    final byte[] tokenId = bytes(2);

    static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        new Random(seed).nextBytes(b);
        return b;
    }

    String mac() {
        return tokens.mint(hash, tokenId, 21_000, NOW.plus(Duration.ofHours(1)));
    }

    String header(String macaroon, byte[] pre) {
        return "L402 " + macaroon + ":" + HEX.formatHex(pre);
    }

    @Test
    void a_paid_macaroon_verifies_and_says_what_was_paid() {
        var v = tokens.verify(header(mac(), preimage), NOW);
        assertThat(v.ok()).isTrue();
        assertThat(v.token().paymentHash()).isEqualTo(hash);
        assertThat(v.token().tokenId()).isEqualTo(tokenId);
        assertThat(v.token().amountMsat()).isEqualTo(21_000);
        assertThat(v.token().validUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void scheme_is_case_insensitive_lsat_is_accepted_and_whitespace_tolerated() {
        String m = mac();
        String pre = HEX.formatHex(preimage);
        for (String h : List.of("LSAT " + m + ":" + pre, "l402 " + m + ":" + pre.toUpperCase(),
                "  L402   " + m + ":" + pre + "  ", "L402 " + m.replace("=", "") + ":" + pre,
                "L402 " + m.replace('+', '-').replace('/', '_') + ":" + pre)) {
            assertThat(tokens.verify(h, NOW).ok()).as(h).isTrue();
        }
    }

    @Test
    void identifier_uses_aperture_layout_and_caveats_name_service_expiry_and_amount() {
        Macaroon m = Macaroon.decode(Base64.getDecoder().decode(mac()));
        byte[] id = m.identifier();
        assertThat(id).hasSize(66);
        assertThat(id[0]).isZero();
        assertThat(id[1]).isZero();
        assertThat(java.util.Arrays.copyOfRange(id, 2, 34)).isEqualTo(hash);
        assertThat(java.util.Arrays.copyOfRange(id, 34, 66)).isEqualTo(tokenId);
        assertThat(m.caveats()).containsExactly("services=satrank:0",
                "satrank_valid_until=" + NOW.plus(Duration.ofHours(1)).getEpochSecond(), "satrank_amount_msat=21000");
        assertThat(m.location()).isEqualTo("https://satrank.example");
    }

    @Test
    void forged_signature_is_refused() {
        byte[] raw = Base64.getDecoder().decode(mac());
        raw[raw.length - 1] ^= 1;
        assertThat(tokens.verify(header(Base64.getEncoder().encodeToString(raw), preimage), NOW).rejection())
                .isEqualTo(L402Rejection.BAD_SIGNATURE);
    }

    @Test
    void macaroon_from_another_secret_is_refused() {
        L402Tokens other = new L402Tokens("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                "satrank", "x");
        String foreign = other.mint(hash, tokenId, 21_000, NOW.plusSeconds(60));
        assertThat(tokens.verify(header(foreign, preimage), NOW).rejection()).isEqualTo(L402Rejection.BAD_SIGNATURE);
    }

    @Test
    void expired_wrong_preimage_and_preimage_of_another_token_are_refused() {
        assertThat(tokens.verify(header(mac(), preimage), NOW.plus(Duration.ofHours(1))).rejection())
                .isEqualTo(L402Rejection.EXPIRED);
        assertThat(tokens.verify(header(mac(), bytes(9)), NOW).rejection()).isEqualTo(L402Rejection.PREIMAGE_MISMATCH);
        byte[] otherPreimage = bytes(5);
        String otherToken = tokens.mint(L402Tokens.sha256(otherPreimage), bytes(6), 1000, NOW.plusSeconds(60));
        assertThat(tokens.verify(header(otherToken, otherPreimage), NOW).ok()).isTrue();
        assertThat(tokens.verify(header(mac(), otherPreimage), NOW).rejection())
                .isEqualTo(L402Rejection.PREIMAGE_MISMATCH);
    }

    @Test
    void unknown_identifier_version_is_refused() {
        L402Identifier v1 = new L402Identifier(1, hash, tokenId);
        Macaroon m = Macaroon.mint(tokens.rootKey(tokenId), "x", v1.encode(),
                List.of("services=satrank:0", "satrank_valid_until=" + NOW.plusSeconds(60).getEpochSecond(),
                        "satrank_amount_msat=1"));
        String b64 = Base64.getEncoder().encodeToString(m.encode());
        assertThat(tokens.verify(header(b64, preimage), NOW).rejection()).isEqualTo(L402Rejection.UNKNOWN_VERSION);
    }

    @Test
    void a_holder_may_attenuate_but_never_extend_or_add_foreign_caveats() {
        Macaroon m = Macaroon.decode(Base64.getDecoder().decode(mac()));
        Macaroon later = m.withCaveat("satrank_valid_until=" + NOW.plus(Duration.ofDays(30)).getEpochSecond());
        var v = tokens.verify(header(Base64.getEncoder().encodeToString(later.encode()), preimage), NOW);
        assertThat(v.token().validUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        Macaroon sooner = m.withCaveat("satrank_valid_until=" + NOW.plusSeconds(10).getEpochSecond());
        assertThat(tokens.verify(header(Base64.getEncoder().encodeToString(sooner.encode()), preimage),
                NOW.plusSeconds(11)).rejection()).isEqualTo(L402Rejection.EXPIRED);
        Macaroon foreign = m.withCaveat("admin=true");
        assertThat(tokens.verify(header(Base64.getEncoder().encodeToString(foreign.encode()), preimage), NOW)
                .rejection()).isEqualTo(L402Rejection.CAVEAT_FAILED);
        Macaroon otherService = Macaroon.mint(tokens.rootKey(tokenId), "x", new L402Identifier(0, hash, tokenId).encode(),
                List.of("services=elsewhere:0", "satrank_valid_until=" + NOW.plusSeconds(60).getEpochSecond(),
                        "satrank_amount_msat=1"));
        assertThat(tokens.verify(header(Base64.getEncoder().encodeToString(otherService.encode()), preimage), NOW)
                .rejection()).isEqualTo(L402Rejection.CAVEAT_FAILED);
    }

    @Test
    void fuzzed_headers_are_refused_without_exceptions() {
        Random random = new Random(7);
        String good = header(mac(), preimage);
        String alphabet = "L402SATlsat :=+/_-0123456789abcdefABCDEF\t\n\u0000é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder h = new StringBuilder(good);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && h.length() > 0; e++) {
                int at = random.nextInt(h.length());
                switch (random.nextInt(3)) {
                    case 0 -> h.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> h.deleteCharAt(at);
                    default -> h.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            var v = tokens.verify(h.toString(), NOW);
            if (v.ok()) {
                // only edits that leave the credential equivalent may pass (e.g. case of the hex)
                assertThat(v.token().paymentHash()).isEqualTo(hash);
            }
        }
        for (String junk : new String[] {"", "L402", "L402 :", "Bearer x", "L402 abc:def", "L402 " + "A".repeat(20_000)
                + ":" + "0".repeat(64), "deposit:" + "0".repeat(64)}) {
            assertThat(tokens.verify(junk, NOW).rejection()).as(junk.length() > 40 ? "long" : junk)
                    .isEqualTo(L402Rejection.MALFORMED);
        }
    }

    @Test
    void weak_secrets_and_bad_service_names_are_refused_at_construction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new L402Tokens(new byte[16], "satrank", "x"))
                .hasMessageContaining("32 bytes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new L402Tokens(SECRET, "Sat Rank", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
