package com.satrank.lndsim;

import com.satrank.bolt11.Bolt11;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The graph nodes whose private keys the sim holds, so they can sign invoices as the payees of the
 * simulated L402 economy, and the invoices they issued, by payment hash. A payment through
 * {@link SimPayments} that reaches the merchant settles the invoice and returns its preimage.
 */
public final class SimMerchants {
    /** One merchant invoice; {@code wrongPreimage}: the payee answers with a preimage that does not match. */
    public record Invoice(String payee, byte[] preimage, byte[] paymentHash, long valueMsat, boolean wrongPreimage) {
    }

    private final Map<String, SimIdentity> byPubkey = new ConcurrentHashMap<>();
    private final List<byte[]> pubkeys = new ArrayList<>();
    private final Map<String, Invoice> invoices = new ConcurrentHashMap<>();
    private final Map<String, Boolean> settled = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();

    private SimMerchants(InstantSource clock) {
        this.clock = clock;
    }

    /** {@code count} merchant keys derived from {@code seed}; none when count is 0. */
    public static SimMerchants derive(long seed, int count, InstantSource clock) {
        SimMerchants merchants = new SimMerchants(clock);
        for (int i = 1; i <= count; i++) {
            SimIdentity id = SimIdentity.merchant(seed, i);
            merchants.byPubkey.put(HexFormat.of().formatHex(id.publicKey()), id);
            merchants.pubkeys.add(id.publicKey());
        }
        return merchants;
    }

    public List<byte[]> pubkeys() {
        return List.copyOf(pubkeys);
    }

    /** Signs a new invoice as merchant {@code payee}; see the overrides in simcontrol.proto. */
    public String issue(String payee, long valueMsat, String memo, long expirySeconds, long createdAtOrZero,
                        String currencyOrEmpty, boolean wrongPreimage) {
        SimIdentity key = byPubkey.get(payee);
        if (key == null) {
            throw new IllegalArgumentException("not a merchant of this sim: " + payee);
        }
        if (valueMsat <= 0) {
            throw new IllegalArgumentException("merchant invoices carry an amount");
        }
        byte[] preimage = new byte[32];
        byte[] secret = new byte[32];
        random.nextBytes(preimage);
        random.nextBytes(secret);
        byte[] hash = SimInvoices.sha256(preimage);
        long created = createdAtOrZero > 0 ? createdAtOrZero : clock.instant().getEpochSecond();
        String currency = currencyOrEmpty == null || currencyOrEmpty.isEmpty() ? SimInvoices.CURRENCY : currencyOrEmpty;
        String request = Bolt11.create(currency, valueMsat, created, hash, secret, memo == null ? "" : memo,
                expirySeconds > 0 ? expirySeconds : 3600, 40, key.privateKey());
        invoices.put(HexFormat.of().formatHex(hash), new Invoice(payee, preimage, hash, valueMsat, wrongPreimage));
        return request;
    }

    Optional<Invoice> invoice(byte[] paymentHash) {
        return Optional.ofNullable(invoices.get(HexFormat.of().formatHex(paymentHash)));
    }

    /** Marks the invoice paid; false when it already was (a second payment is refused). */
    boolean settle(Invoice invoice) {
        return settled.putIfAbsent(HexFormat.of().formatHex(invoice.paymentHash()), Boolean.TRUE) == null;
    }
}
