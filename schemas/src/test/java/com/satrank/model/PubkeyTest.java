package com.satrank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PubkeyTest {
    private static final String PK = "02" + "ab".repeat(32);

    @Test
    void node_id_is_sha256_of_the_lowercase_hex_string() {
        // sha256("02abab…ab") computed independently with sha256sum
        assertThat(Pubkey.fromHex(PK.toUpperCase()).nodeId()).isEqualTo(Pubkey.fromHex(PK).nodeId());
        assertThat(Pubkey.fromHex("03" + "00".repeat(32)).nodeId())
                .isNotEqualTo(Pubkey.fromHex("02" + "00".repeat(32)).nodeId());
    }

    @Test
    void known_node_id_matches_sha256sum_of_the_hex_string() {
        // echo -n 02abab…ab | sha256sum
        assertThat(Pubkey.fromHex(PK).nodeId().hex())
                .isEqualTo("679395abecdee72c2efddee5b8ea574dd2f462516fbeba3ee5e13f052051b7ae");
    }

    @Test
    void rejects_malformed_pubkeys() {
        assertThatThrownBy(() -> Pubkey.fromHex("04" + "ab".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pubkey.fromHex("02" + "ab".repeat(31) + "ag")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pubkey.fromHex("02" + "ab".repeat(33))).hasMessageContaining("got 68 chars");
        assertThat(Pubkey.isPubkeyHex("03" + "0f".repeat(32))).isTrue();
        assertThat(Pubkey.isPubkeyHex("03" + "0F".repeat(32))).as("lowercase only").isFalse();
        assertThatThrownBy(() -> Pubkey.fromHex("02abc")).hasMessageContaining("got 5 chars");
        assertThatThrownBy(() -> Pubkey.fromHex(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pubkey.fromBytes(new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orders_like_unsigned_bytes_and_hex() {
        Pubkey a = Pubkey.fromHex("02" + "7f".repeat(32));
        Pubkey b = Pubkey.fromHex("02" + "80".repeat(32));
        assertThat(a).isLessThan(b);
        assertThat(a.hex().compareTo(b.hex())).isNegative();
    }

    @Test
    void node_ref_accepts_pubkey_or_id_and_explains_anything_else() {
        Pubkey pk = Pubkey.fromHex(PK);
        assertThat(NodeRef.parse(PK).nodeId()).isEqualTo(pk.nodeId());
        assertThat(NodeRef.parse(pk.nodeId().hex().toUpperCase()).nodeId()).isEqualTo(pk.nodeId());
        assertThatThrownBy(() -> NodeRef.parse("xyz")).hasMessageContaining("66-char Lightning pubkey");
        assertThatThrownBy(() -> NodeRef.parse("04" + "ab".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
