package com.satrank.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** amountSats shares the query parser of limit and offset: ASCII whole numbers in range, else a 400. */
class AmountsTest {
    private static ApiException refused(Runnable parse) {
        ApiException e = catchThrowableOfType(parse::run, ApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
        return e;
    }

    @Test
    void absent_is_the_base_amount_and_whole_sats_in_range_pass() {
        assertThat(Amounts.query(null)).isEqualTo(1_000);
        assertThat(Amounts.query("")).isEqualTo(1_000);
        assertThat(Amounts.query("250000")).isEqualTo(250_000);
        assertThat(Amounts.query("100000000")).isEqualTo(100_000_000);
        assertThat(Amounts.body(null)).isEqualTo(1_000);
        assertThat(Amounts.body(1L)).isEqualTo(1);
    }

    @Test
    void anything_else_is_a_400_naming_the_parameter() {
        for (String raw : new String[] {"0", "-5", "abc", "1.5", "100000001", "+1000", "١٠٠٠", "99999999999999999999"}) {
            assertThat(refused(() -> Amounts.query(raw)).getMessage()).as(raw).contains("amountSats");
        }
        assertThat(refused(() -> Amounts.body(0L)).getMessage()).contains("amountSats");
        assertThat(refused(() -> Amounts.body(100_000_001L)).getMessage()).contains("amountSats");
    }
}
