package com.satrank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShortChannelIdTest {
    @Test
    void packs_block_tx_and_output_like_bolt7() {
        ShortChannelId scid = ShortChannelId.of(539268, 845, 1);
        assertThat(scid.value()).isEqualTo(592931436542885889L);
        assertThat(scid.toString()).isEqualTo("539268x845x1");
        assertThat(ShortChannelId.parse("592931436542885889")).isEqualTo(scid);
        assertThat(ShortChannelId.parse("539268x845x1")).isEqualTo(scid);
    }

    @Test
    void rejects_out_of_range_parts() {
        assertThatThrownBy(() -> ShortChannelId.of(1 << 24, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Msat(-1)).hasMessageContaining(">= 0");
        assertThat(Msat.ofSat(21).value()).isEqualTo(21_000);
        assertThat(new Msat(21_999).toSat()).isEqualTo(21);
    }
}
