package com.satrank.serving.billing;

import com.satrank.l402.Credential;
import com.satrank.l402.L402Tokens;
import com.satrank.model.Sha256;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What an Authorization header proves, before any balance is read: nothing (no L402 credential),
 * a refusal (code and message for the 401), or a token: the payment hash it is billed to, its kind
 * ({@code deposit} or {@code challenge}) and, for a macaroon, the sats it paid.
 */
record PresentedToken(Status status, String paymentHash, String kind, long paidSats, String code, String message) {
    enum Status { NONE, REFUSED, TOKEN }

    static PresentedToken of(String authorization, L402Tokens tokens, Instant now) {
        Credential credential = Credential.parse(authorization);
        return switch (credential.kind()) {
            case NONE -> new PresentedToken(Status.NONE, null, null, 0, null, null);
            case MALFORMED_DEPOSIT -> refused("L402_MALFORMED", "a deposit token is 'L402 deposit:<64-hex preimage>'");
            case DEPOSIT -> new PresentedToken(Status.TOKEN,
                    HexFormat.of().formatHex(Sha256.of(credential.depositPreimage())), "deposit", 0, null, null);
            case MACAROON -> {
                L402Tokens.Verification v = tokens.verify(authorization, now);
                yield v.ok() ? new PresentedToken(Status.TOKEN, HexFormat.of().formatHex(v.token().paymentHash()),
                        "challenge", v.token().amountMsat() / 1000, null, null)
                        : refused(v.rejection().code(), v.rejection().message());
            }
        };
    }

    private static PresentedToken refused(String code, String message) {
        return new PresentedToken(Status.REFUSED, null, null, 0, code, message);
    }
}
