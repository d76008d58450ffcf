package com.satrank.serving.billing;

import com.satrank.l402.L402Tokens;
import com.satrank.model.Pubkey;
import java.time.InstantSource;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Who may report without an API key: the holder of an L402 token (macaroon or deposit) that paid
 * to ask about that very target. The reporter id names the token, never the preimage.
 */
public final class TokenReporters {
    private final Jdbi jdbi;
    private final L402Tokens tokens;
    private final InstantSource clock;

    public TokenReporters(Jdbi jdbi, L402Tokens tokens, InstantSource clock) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Optional<String> reporter(String authorization, Pubkey target) {
        PresentedToken presented = PresentedToken.of(authorization, tokens, clock.instant());
        if (presented.status() != PresentedToken.Status.TOKEN) {
            return Optional.empty();
        }
        String hash = presented.paymentHash();
        String nodeId = target.nodeId().hex();
        return jdbi.withExtension(BillingDao.class, dao -> dao.queriedTarget(hash, nodeId))
                ? Optional.of("l402:" + hash.substring(0, 16)) : Optional.empty();
    }
}
