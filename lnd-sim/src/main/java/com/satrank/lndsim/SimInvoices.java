package com.satrank.lndsim;

import com.satrank.bolt11.Bolt11;
import com.satrank.bolt11.Bolt11Exception;
import com.satrank.bolt11.Bolt11Invoice;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sim node's invoices: real BOLT 11 payment requests signed with its node key, kept in memory
 * by payment hash, settled by {@link #pay}. Amounts in millisatoshis; LND's 24 h default expiry.
 */
public final class SimInvoices {
    public static final long DEFAULT_EXPIRY_SECONDS = 86_400;
    static final String CURRENCY = "sb"; // LND's simnet prefix: lnsb…

    /** One invoice as the sim holds it. */
    public record Entry(byte[] preimage, byte[] paymentHash, byte[] paymentAddr, String paymentRequest, long valueMsat,
                        String memo, long createdAt, long expirySeconds, long addIndex, boolean settled,
                        long settledAt, long amountPaidMsat, long settleIndex) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final SimIdentity identity;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private long addIndex;
    private long settleIndex;

    public SimInvoices(SimIdentity identity, InstantSource clock) {
        this.identity = identity;
        this.clock = clock;
    }

    public synchronized Entry add(long valueMsat, String memo, long expirySeconds, byte[] preimageOrNull) {
        if (valueMsat < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        byte[] preimage = preimageOrNull != null && preimageOrNull.length == 32 ? preimageOrNull.clone() : bytes(32);
        byte[] hash = sha256(preimage);
        if (byHash.containsKey(hex(hash))) {
            throw new IllegalStateException("invoice with payment hash already exists");
        }
        byte[] addr = bytes(32);
        long now = clock.instant().getEpochSecond();
        long expiry = expirySeconds > 0 ? expirySeconds : DEFAULT_EXPIRY_SECONDS;
        String request = Bolt11.create(CURRENCY, valueMsat == 0 ? null : valueMsat, now, hash, addr,
                memo == null ? "" : memo, expiry, 40, identity.privateKey());
        Entry entry = new Entry(preimage, hash, addr, request, valueMsat, memo == null ? "" : memo, now, expiry,
                ++addIndex, false, 0, 0, 0);
        byHash.put(hex(hash), entry);
        return entry;
    }

    public Optional<Entry> lookup(byte[] paymentHash) {
        return Optional.ofNullable(byHash.get(hex(paymentHash)));
    }

    /** Settles one of our own open, unexpired invoices and hands back its preimage. */
    public synchronized Entry pay(String paymentRequest, long amountMsatForZeroInvoices) {
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11.decode(paymentRequest);
        } catch (Bolt11Exception e) {
            throw new IllegalArgumentException("invalid payment request: " + e.getMessage(), e);
        }
        if (!Arrays.equals(invoice.payee(), identity.publicKey())) {
            throw new IllegalArgumentException("invoice is not for this node");
        }
        Entry entry = byHash.get(hex(invoice.paymentHash()));
        if (entry == null) {
            throw new IllegalArgumentException("unknown invoice");
        }
        if (entry.settled()) {
            throw new IllegalStateException("invoice is already paid");
        }
        if (invoice.isExpiredAt(clock.instant().getEpochSecond())) {
            throw new IllegalStateException("invoice expired");
        }
        long paid = entry.valueMsat() > 0 ? entry.valueMsat() : amountMsatForZeroInvoices;
        if (paid <= 0) {
            throw new IllegalArgumentException("amount required for an invoice without amount");
        }
        Entry settled = new Entry(entry.preimage(), entry.paymentHash(), entry.paymentAddr(), entry.paymentRequest(),
                entry.valueMsat(), entry.memo(), entry.createdAt(), entry.expirySeconds(), entry.addIndex(), true,
                clock.instant().getEpochSecond(), paid, ++settleIndex);
        byHash.put(hex(entry.paymentHash()), settled);
        return settled;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] data) {
        return com.satrank.model.Sha256.of(data);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
