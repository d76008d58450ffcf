package com.satrank.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.bolt11.Bolt11;
import com.satrank.bolt11.Secp256k1;
import com.satrank.model.Pubkey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReportProofTest {
    static final BigInteger TARGET_KEY = new BigInteger("11".repeat(32), 16);
    static final BigInteger OTHER_KEY = new BigInteger("22".repeat(32), 16);
    static final Pubkey TARGET = Pubkey.fromBytes(Secp256k1.publicKey(TARGET_KEY));
    static final byte[] PREIMAGE = new byte[32];

    static String invoice(BigInteger signer, byte[] preimage) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(preimage);
        return Bolt11.create("bc", 21_000L, 1_800_000_000L, hash, new byte[32], "coffee", 3600, 40, signer);
    }

    @Test
    void invoice_signed_by_the_target_with_the_matching_preimage_is_proven() throws Exception {
        var r = ReportProof.check(TARGET, invoice(TARGET_KEY, PREIMAGE), HexFormat.of().formatHex(PREIMAGE), true);
        assertThat(r.proven()).as(r.reason()).isTrue();
    }

    @Test
    void invoice_signed_by_another_key_is_not_proven() throws Exception {
        var r = ReportProof.check(TARGET, invoice(OTHER_KEY, PREIMAGE), HexFormat.of().formatHex(PREIMAGE), true);
        assertThat(r.proven()).isFalse();
        assertThat(r.reason()).contains("not signed by the target");
    }

    @Test
    void preimage_that_does_not_match_is_not_proven() throws Exception {
        byte[] other = new byte[32];
        other[0] = 1;
        var r = ReportProof.check(TARGET, invoice(TARGET_KEY, PREIMAGE), HexFormat.of().formatHex(other), true);
        assertThat(r.proven()).isFalse();
        assertThat(r.reason()).contains("preimage does not match");
    }

    @Test
    void a_bare_preimage_a_failure_or_a_broken_invoice_proves_nothing() throws Exception {
        assertThat(ReportProof.check(TARGET, null, HexFormat.of().formatHex(PREIMAGE), true).proven()).isFalse();
        assertThat(ReportProof.check(TARGET, invoice(TARGET_KEY, PREIMAGE), HexFormat.of().formatHex(PREIMAGE), false)
                .proven()).isFalse();
        assertThat(ReportProof.check(TARGET, "lnbc1notaninvoice", HexFormat.of().formatHex(PREIMAGE), true).reason())
                .contains("not valid BOLT 11");
    }
}
