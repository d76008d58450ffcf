package com.satrank.serving.billing;

import com.satrank.l402.Credential;
import com.satrank.l402.L402Tokens;
import com.satrank.model.Pubkey;
import com.satrank.model.Sha256;
import java.time.InstantSource;
import java.util.HexFormat;
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
        Credential credential = Credential.parse(authorization);
        String hash;
        switch (credential.kind()) {
            case DEPOSIT -> hash = HexFormat.of().formatHex(Sha256.of(credential.depositPreimage()));
            case MACAROON -> {
                L402Tokens.Verification v = tokens.verify(authorization, clock.instant());
                if (!v.ok()) {
                    return Optional.empty();
                }
                hash = HexFormat.of().formatHex(v.token().paymentHash());
            }
            default -> {
                return Optional.empty();
            }
        }
        String nodeId = target.nodeId().hex();
        return jdbi.withExtension(BillingDao.class, dao -> dao.queriedTarget(hash, nodeId))
                ? Optional.of("l402:" + hash.substring(0, 16)) : Optional.empty();
    }
}
