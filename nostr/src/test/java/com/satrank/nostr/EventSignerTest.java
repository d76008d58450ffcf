package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignerTest {
    private final NostrKeys keys = NostrKeys.fromHex("0000000000000000000000000000000000000000000000000000000000000003");

    @Test
    void signed_events_verify_and_any_change_breaks_them() {
        NostrEvent event = new EventSigner().sign(keys, 1_780_000_000L, 30382,
                List.of(List.of("d", "02abc"), List.of("verdict", "SAFE")), "{\"p\":0.93}\n\"quoted\" \\ tab\t ü ⚡");
        assertThat(event.pubkey()).isEqualTo("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9");
        assertThat(EventSigner.verify(event)).isTrue();
        assertThat(EventSigner.verify(new NostrEvent(event.id(), event.pubkey(), event.createdAt() + 1, event.kind(),
                event.tags(), event.content(), event.sig()))).isFalse();
        assertThat(EventSigner.verify(new NostrEvent(event.id(), event.pubkey(), event.createdAt(), event.kind(),
                List.of(List.of("d", "02abd"), List.of("verdict", "SAFE")), event.content(), event.sig()))).isFalse();
        assertThat(event.canonical()).isEqualTo("[0,\"" + event.pubkey() + "\",1780000000,30382,[[\"d\",\"02abc\"],"
                + "[\"verdict\",\"SAFE\"]],\"{\\\"p\\\":0.93}\\n\\\"quoted\\\" \\\\ tab\\t ü ⚡\"]");
        assertThat(event.toJson()).startsWith("{\"id\":\"" + event.id() + "\",\"pubkey\":");
    }

    @Test
    void keys_refuse_bad_secrets_and_never_print_them() {
        assertThat(keys.toString()).doesNotContain("0000000000000003").contains("redacted");
        for (String bad : new String[] {"", "zz", "0".repeat(64),
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NostrKeys.fromHex(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
