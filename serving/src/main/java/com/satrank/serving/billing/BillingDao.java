package com.satrank.serving.billing;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The billing tables. Every balance change is one statement whose WHERE clause carries the rule
 * (enough credits, never above the maximum), so concurrent requests can neither overdraw a token
 * nor spend a credit twice, and a first use racing itself registers once.
 */
public interface BillingDao {
    /** A token's credits after a change; {@code kind} is challenge or deposit. */
    record Balance(long balanceCredits, long maxCredits, String kind) {
    }

    /** True when this call registered the token (its first use). */
    @SqlUpdate("""
            INSERT INTO l402_tokens (payment_hash, kind, balance_credits, max_credits)
            VALUES (:hash, 'challenge', :credits, :credits) ON CONFLICT (payment_hash) DO NOTHING""")
    boolean registerChallenge(@Bind("hash") String paymentHash, @Bind("credits") long credits);

    @SqlQuery("""
            UPDATE l402_tokens SET balance_credits = balance_credits - :price
            WHERE payment_hash = :hash AND kind = :kind AND balance_credits >= :price
            RETURNING balance_credits, max_credits, kind""")
    @RegisterConstructorMapper(Balance.class)
    Optional<Balance> debit(@Bind("hash") String paymentHash, @Bind("kind") String kind, @Bind("price") long price);

    @SqlQuery("SELECT balance_credits, max_credits, kind FROM l402_tokens WHERE payment_hash = :hash")
    @RegisterConstructorMapper(Balance.class)
    Optional<Balance> balance(@Bind("hash") String paymentHash);

    /** A deposit invoice this service issued. */
    record DepositInvoice(String paymentHash, long amountSats, int tierId, long credits) {
    }

    @SqlUpdate("""
            INSERT INTO l402_deposit_invoices (payment_hash, amount_sats, tier_id, credits)
            VALUES (:paymentHash, :amountSats, :tierId, :credits)""")
    void insertDepositInvoice(@org.jdbi.v3.sqlobject.customizer.BindMethods DepositInvoice invoice);

    @SqlQuery("SELECT payment_hash, amount_sats, tier_id, credits FROM l402_deposit_invoices WHERE payment_hash = :hash")
    @RegisterConstructorMapper(DepositInvoice.class)
    Optional<DepositInvoice> depositInvoice(@Bind("hash") String paymentHash);

    /** True when this call created the token; false when it had been redeemed before. */
    @SqlUpdate("""
            INSERT INTO l402_tokens (payment_hash, kind, balance_credits, max_credits, tier_id)
            VALUES (:hash, 'deposit', :credits, :credits, :tier) ON CONFLICT (payment_hash) DO NOTHING""")
    boolean redeemDeposit(@Bind("hash") String paymentHash, @Bind("credits") long credits, @Bind("tier") int tierId);

    @SqlUpdate("""
            INSERT INTO l402_token_targets (payment_hash, node_id) VALUES (:hash, :nodeId)
            ON CONFLICT DO NOTHING""")
    void recordTarget(@Bind("hash") String paymentHash, @Bind("nodeId") String nodeId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM l402_token_targets WHERE payment_hash = :hash AND node_id = :nodeId)")
    boolean queriedTarget(@Bind("hash") String paymentHash, @Bind("nodeId") String nodeId);
}
