package com.satrank.reports;

import com.satrank.bolt11.Bolt11;
import com.satrank.bolt11.Bolt11Exception;
import com.satrank.bolt11.Bolt11Invoice;
import com.satrank.model.Pubkey;
import com.satrank.model.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Whether a report proves a payment to its target: the BOLT 11 invoice must be validly signed by
 * the target's key, and sha256(preimage) must equal the invoice's payment hash. Only the payee
 * could have signed the invoice and only a settled payment reveals the preimage, so together they
 * prove the target was paid. A bare preimage and hash prove nothing: anyone can make a pair. Pure.
 */
public final class ReportProof {
    private ReportProof() {
    }

    /** Proven or not, and why not. */
    public record Result(boolean proven, String reason) {
        static Result no(String reason) {
            return new Result(false, reason);
        }
    }

    public static Result check(Pubkey target, String bolt11, String preimageHex, boolean success) {
        if (!success) {
            return Result.no("only a successful payment can be proven");
        }
        return payment(target.toBytes(), bolt11, preimageHex);
    }

    /**
     * Whether {@code preimageHex} settles {@code bolt11} and the invoice was signed by {@code payee}
     * (a node, or the node an endpoint's invoices come from): the payment happened, whatever came of it.
     */
    public static Result payment(byte[] payee, String bolt11, String preimageHex) {
        if (bolt11 == null || preimageHex == null) {
            return Result.no("a proof needs both bolt11 and preimage");
        }
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11.decode(bolt11);
        } catch (Bolt11Exception e) {
            return Result.no("invoice is not valid BOLT 11: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(invoice.payee(), payee)) {
            return Result.no("invoice is not signed by the target");
        }
        byte[] preimage = HexFormat.of().parseHex(preimageHex);
        if (!MessageDigest.isEqual(Sha256.of(preimage), invoice.paymentHash())) {
            return Result.no("preimage does not match the invoice's payment hash");
        }
        return new Result(true, "invoice signed by the target and preimage matches");
    }
}
