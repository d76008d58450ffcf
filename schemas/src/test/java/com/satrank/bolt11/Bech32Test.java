package com.satrank.bolt11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-173 test vectors. */
class Bech32Test {
    @ParameterizedTest
    @ValueSource(strings = {"A12UEL5L", "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"})
    void valid_strings_decode_and_re_encode(String s) {
        Bech32.Decoded d = Bech32.decode(s);
        assertThat(Bech32.encode(d.hrp(), d.data())).isEqualTo(s.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00201nwldj5", "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8",
        "10a06t8", "1qzzfhee", "a12UEL5L"})
    void invalid_strings_are_rejected(String s) {
        assertThatThrownBy(() -> Bech32.decode(s)).isInstanceOf(Bolt11Exception.class);
    }

    @Test
    void bit_regrouping_round_trips() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0x80};
        assertThat(Bech32.convertBits(Bech32.convertBits(bytes, 8, 5, true), 5, 8, false)).containsExactly(bytes);
    }
}
