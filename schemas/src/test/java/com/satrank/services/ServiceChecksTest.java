package com.satrank.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.bolt11.Bolt11;
import com.satrank.model.EndpointUrl;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The pure service checks: challenge parsing, URL ids, invoice validity, body quality. */
class ServiceChecksTest {
    private static final BigInteger KEY = new BigInteger("1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef", 16);

    @Test
    void challenges_parse_in_every_quoting_and_scheme() {
        assertThat(L402Challenge.parse("L402 macaroon=\"AGIAJEem\", invoice=\"lnbc10n1p\"")).get()
                .extracting(L402Challenge::scheme, L402Challenge::macaroon, L402Challenge::invoice)
                .containsExactly("L402", "AGIAJEem", "lnbc10n1p");
        assertThat(L402Challenge.parse("LSAT macaroon='m1', invoice='lnbc1'")).get()
                .extracting(L402Challenge::scheme, L402Challenge::macaroon).containsExactly("LSAT", "m1");
        assertThat(L402Challenge.parse("l402 invoice=lnbc2, macaroon=m2")).get()
                .extracting(L402Challenge::macaroon, L402Challenge::invoice).containsExactly("m2", "lnbc2");
        assertThat(L402Challenge.parse("Bearer realm=\"x\", L402 macaroon=\"m3\", invoice=\"lnbc3\"")).get()
                .extracting(L402Challenge::macaroon).isEqualTo("m3");
        assertThat(L402Challenge.parse("L402 realm=\"weather\"")).isEmpty();
        assertThat(L402Challenge.parse("L402 macaroon=\"m\"")).isEmpty();
        assertThat(L402Challenge.parse("Bearer macaroon=\"m\", invoice=\"i\"")).isEmpty();
        assertThat(L402Challenge.parse(null)).isEmpty();
    }

    @Test
    void url_hash_is_the_reference_canonical_form() {
        EndpointUrl a = EndpointUrl.of("HTTPS://Api.Example.COM:443/v1/%7euser/forecast/?city=Paris#top");
        assertThat(a.canonical()).isEqualTo("https://api.example.com/v1/~user/forecast");
        assertThat(EndpointUrl.of("https://api.example.com/v1/~user/forecast").hash()).isEqualTo(a.hash());
        assertThat(EndpointUrl.of("http://x.io:80").canonical()).isEqualTo("http://x.io/");
        assertThat(EndpointUrl.of("http://x.io:8080/a%2fb").canonical()).isEqualTo("http://x.io:8080/a%2Fb");
        assertThat(EndpointUrl.of("http://user:pw@x.io/p").canonical()).isEqualTo("http://x.io/p");
        assertThat(a.hash()).matches("[0-9a-f]{64}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EndpointUrl.of("ftp://x.io/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invoices_are_checked_in_the_reference_order() {
        long now = 1_780_000_000L;
        byte[] hash = new byte[32];
        byte[] secret = new byte[32];
        hash[0] = 1;
        String good = Bolt11.create("sb", 10_000L, now, hash, secret, "x", 600, 40, KEY);
        InvoiceCheck check = new InvoiceCheck("sb");
        assertThat(check.check(good, 10, now).outcome()).isEqualTo("valid");
        assertThat(check.check(good, 0, now).outcome()).as("no advertised price: no ratio").isEqualTo("valid");
        assertThat(check.check("lnsb1garbage", 10, now).outcome()).isEqualTo("decode_failed");
        assertThat(new InvoiceCheck("bc").check(good, 10, now).outcome()).isEqualTo("wrong_network");
        assertThat(check.check(good, 10, now + 541).outcome()).as("less than 60 s left").isEqualTo("expired");
        assertThat(check.check(good, 6, now).outcome()).as("10/6 > 1.5").isEqualTo("amount_mismatch");
        assertThat(check.check(good, 21, now).outcome()).as("10/21 < 0.5").isEqualTo("amount_mismatch");
        String noAmount = Bolt11.create("sb", null, now, hash, secret, "x", 600, 40, KEY);
        assertThat(check.check(noAmount, 10, now).outcome()).isEqualTo("amount_mismatch");
    }

    @Test
    void body_quality_follows_the_reference_heuristics() {
        assertThat(BodyQuality.judge("{\"temp\": 21.5, \"city\": \"Paris\"}")).isEqualTo("quality_ok");
        assertThat(BodyQuality.judge("The forecast for Paris is sunny, 21 degrees.")).isEqualTo("quality_ok");
        assertThat(BodyQuality.judge("{\"error\":\"internal server error\"}")).isEqualTo("error_body");
        assertThat(BodyQuality.judge("{\"data\":\"lorem ipsum placeholder\"}")).isEqualTo("placeholder_body");
        assertThat(BodyQuality.judge("{}")).isEqualTo("trivial_body");
        assertThat(BodyQuality.judge("ok")).isEqualTo("trivial_body");
        assertThat(BodyQuality.judge("{\"a\": null, \"b\": \"\", \"c\": []}")).isEqualTo("quality_ok")
                .as("three of five checks still pass: long enough, not trivial, no error/placeholder");
    }
}
