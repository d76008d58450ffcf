package com.satrank.l402;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an Authorization header offers a paid route, decided before any verification: nothing
 * usable (answer with a challenge), a deposit token ({@code L402 deposit:<64-hex preimage>}), a
 * macaroon credential (verified by {@link L402Tokens}), or a {@code deposit:} prefix followed by
 * anything else, which is refused outright (the reference let that through for free). The scheme
 * is L402 or LSAT in any case, with surrounding whitespace tolerated.
 */
public record Credential(Kind kind, byte[] depositPreimage) {
    public enum Kind { NONE, DEPOSIT, MACAROON, MALFORMED_DEPOSIT }

    private static final Pattern SCHEME = Pattern.compile("^\\s*(?i:L402|LSAT)\\s+(.*?)\\s*$", Pattern.DOTALL);
    private static final Pattern DEPOSIT = Pattern.compile("(?i)deposit:(.*)", Pattern.DOTALL);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

    public static Credential parse(String authorization) {
        if (authorization == null) {
            return new Credential(Kind.NONE, null);
        }
        var scheme = SCHEME.matcher(authorization);
        if (!scheme.matches()) {
            return new Credential(Kind.NONE, null);
        }
        var deposit = DEPOSIT.matcher(scheme.group(1));
        if (deposit.matches()) {
            String preimage = deposit.group(1);
            return HEX64.matcher(preimage).matches()
                    ? new Credential(Kind.DEPOSIT, HexFormat.of().parseHex(preimage.toLowerCase(Locale.ROOT)))
                    : new Credential(Kind.MALFORMED_DEPOSIT, null);
        }
        return new Credential(Kind.MACAROON, null);
    }
}
