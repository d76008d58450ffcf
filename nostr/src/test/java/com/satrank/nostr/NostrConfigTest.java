package com.satrank.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.nostr.config.NostrConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NostrConfigTest {
    private static NostrConfig config(String key) {
        return new ObjectMapper().convertValue(Map.of("publish", true, "relays", java.util.List.of("ws://127.0.0.1:7777"),
                "privateKey", key), NostrConfig.class);
    }

    @Test
    void production_refuses_a_missing_weak_or_invalid_key_without_printing_it() {
        assertThatThrownBy(() -> config("").keys(true)).hasMessageContaining("NOSTR_PRIVATE_KEY is not set");
        String weak = "0".repeat(63) + "1";
        assertThatThrownBy(() -> config(weak).keys(true)).hasMessageContaining("weak").hasMessageNotContaining(weak);
        String invalid = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";
        assertThatThrownBy(() -> config(invalid).keys(true)).hasMessageContaining("not a valid")
                .hasMessageNotContaining(invalid);
        String good = "c90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b14e5c9";
        assertThat(config(good).keys(true).publicKeyHex())
                .isEqualTo("dd308afec5777e13121fa72b9cc1b7cc0139715309b086c960e18fd969774eb8");
        assertThat(config("").keys(false).publicKeyHex()).as("outside production: a throwaway key").hasSize(64);
        assertThat(config(good).publishing()).isTrue();
    }
}
