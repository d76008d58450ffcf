package com.satrank.serving.config;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What production refuses to start without: an L402 macaroon secret of at least 32 random-looking
 * bytes in hex, and an API key and operator token of at least 32 characters each, none of them a
 * placeholder or a single repeated character. Every problem is named, so one restart fixes all.
 */
public final class SecretsCheck {
    static final int MIN_LENGTH = 32;

    private SecretsCheck() {
    }

    public static List<String> problems(String macaroonSecretHex, String apiKey, String operatorToken) {
        List<String> problems = new ArrayList<>();
        if (macaroonSecretHex.isEmpty()) {
            problems.add("L402_MACAROON_SECRET is not set (64+ hex characters, e.g. `openssl rand -hex 32`)");
        } else if (!macaroonSecretHex.matches("(?i)([0-9a-f]{2}){32,}")) {
            problems.add("L402_MACAROON_SECRET must be at least 64 hex characters");
        } else if (weak(macaroonSecretHex)) {
            problems.add("L402_MACAROON_SECRET looks like a placeholder");
        }
        check("API_KEY", apiKey, problems);
        check("OPERATOR_BYPASS_SECRET", operatorToken, problems);
        if (!apiKey.isEmpty() && apiKey.equals(operatorToken)) {
            problems.add("API_KEY and OPERATOR_BYPASS_SECRET must differ");
        }
        return problems;
    }

    private static void check(String name, String value, List<String> problems) {
        if (value.isEmpty()) {
            problems.add(name + " is not set (32+ random characters)");
        } else if (value.length() < MIN_LENGTH) {
            problems.add(name + " must be at least " + MIN_LENGTH + " characters");
        } else if (weak(value)) {
            problems.add(name + " looks like a placeholder");
        }
    }

    private static boolean weak(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.chars().distinct().count() < 6 || lower.contains("changeme") || lower.contains("example")
                || lower.contains("not-for-production") || lower.contains("secret") || lower.contains("password");
    }

    /** The secret as bytes; the caller has checked it or generated it. */
    public static byte[] secretBytes(String hex) {
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }
}
