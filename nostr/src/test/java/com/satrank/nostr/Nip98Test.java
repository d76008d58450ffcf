package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Nip98Test {
    private static final NostrKeys KEYS = NostrKeys.fromHex("c90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b14e5c9");
    private static final String URL = "http://localhost:8080/api/services/register";
    private static final byte[] BODY = "{\"url\":\"https://x.example/a\"}".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_800_000_000L;

    @Test
    void a_signed_request_names_its_signer() {
        var r = Nip98.verify(Nip98.authorization(KEYS, "POST", URL, BODY, NOW), "POST", URL, BODY, NOW + 30);
        assertThat(r.pubkey()).contains(KEYS.publicKeyHex());
    }

    @Test
    void another_url_method_body_time_or_a_tampered_event_is_refused() {
        String auth = Nip98.authorization(KEYS, "POST", URL, BODY, NOW);
        assertThat(Nip98.verify(auth, "POST", URL + "?x=1", BODY, NOW).reason()).contains("u tag");
        assertThat(Nip98.verify(auth, "PATCH", URL, BODY, NOW).reason()).contains("method");
        assertThat(Nip98.verify(auth, "POST", URL, "{}".getBytes(StandardCharsets.UTF_8), NOW).reason()).contains("payload");
        assertThat(Nip98.verify(auth, "POST", URL, BODY, NOW + 61).reason()).contains("created_at");
        String json = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
        String tampered = "Nostr " + Base64.getEncoder().encodeToString(json.replace("\"POST\"", "\"post\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Nip98.verify(tampered, "POST", URL, BODY, NOW).reason()).isEqualTo("bad id or signature");
        assertThat(Nip98.verify("Nostr !!!", "POST", URL, BODY, NOW).pubkey()).isEmpty();
        assertThat(Nip98.verify("Bearer x", "POST", URL, BODY, NOW).pubkey()).isEmpty();
        assertThat(Nip98.verify(null, "POST", URL, BODY, NOW).pubkey()).isEmpty();
    }
}
