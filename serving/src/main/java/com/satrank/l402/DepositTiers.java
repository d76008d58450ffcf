package com.satrank.l402;

import java.util.List;
import java.util.Optional;

/**
 * The deposit schedule (reference §2.3): the tier is the largest whose minimum is at most the
 * amount; a deposit buys amount ÷ rate requests. Rates are kept as "requests per sat" (1, 2, 5,
 * 10, 20), so credits are exact integers and no float ever touches a balance.
 */
public final class DepositTiers {
    public static final long MIN_SATS = 21;
    public static final long MAX_SATS = 1_000_000;

    /** One tier; {@code rateSatsPerRequest} = 1 / requestsPerSat, for display. */
    public record Tier(int tierId, long minDepositSats, int requestsPerSat, int discountPct) {
        public double rateSatsPerRequest() {
            return 1.0 / requestsPerSat;
        }

        public long requestsPerDeposit() {
            return minDepositSats * requestsPerSat;
        }
    }

    public static final List<Tier> TIERS = List.of(
            new Tier(1, 21, 1, 0),
            new Tier(2, 1_000, 2, 50),
            new Tier(3, 10_000, 5, 80),
            new Tier(4, 100_000, 10, 90),
            new Tier(5, 1_000_000, 20, 95));

    private DepositTiers() {
    }

    /** The tier for a deposit of {@code amountSats}; empty below the first tier's minimum. */
    public static Optional<Tier> forAmount(long amountSats) {
        Tier found = null;
        for (Tier t : TIERS) {
            if (t.minDepositSats() <= amountSats) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    public static long credits(long amountSats, Tier tier) {
        return Math.multiplyExact(amountSats, tier.requestsPerSat());
    }
}
