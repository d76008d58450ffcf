package com.satrank.services;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An L402 challenge read from a {@code WWW-Authenticate} header: scheme {@code L402} or the older
 * {@code LSAT}, parameters {@code macaroon} and {@code invoice} double-quoted, single-quoted or bare,
 * in any order. Several challenges in one header (comma-separated schemes) are searched for the
 * first L402/LSAT one.
 */
public record L402Challenge(String scheme, String macaroon, String invoice) {
    private static final Pattern SCHEME = Pattern.compile("(?i)(?:^|[\\s,])(L402|LSAT)\\s+");
    private static final Pattern PARAM = Pattern.compile(
            "(?i)\\b(macaroon|invoice)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s,\"']+))");

    /** The challenge in {@code header}, when it has an L402/LSAT scheme with both parameters. */
    public static Optional<L402Challenge> parse(String header) {
        if (header == null || header.length() > 16_384) {
            return Optional.empty();
        }
        Matcher scheme = SCHEME.matcher(header);
        while (scheme.find()) {
            String rest = header.substring(scheme.end());
            String macaroon = null;
            String invoice = null;
            Matcher param = PARAM.matcher(rest);
            int consumed = 0;
            while (param.find() && (macaroon == null || invoice == null)) {
                if (!rest.substring(consumed, param.start()).matches("[\\s,]*")) {
                    break; // a parameter of a later challenge, not of this one
                }
                String value = param.group(2) != null ? param.group(2)
                        : param.group(3) != null ? param.group(3) : param.group(4);
                if (param.group(1).toLowerCase(Locale.ROOT).equals("macaroon")) {
                    macaroon = value;
                } else {
                    invoice = value;
                }
                consumed = param.end();
            }
            if (macaroon != null && invoice != null && !macaroon.isEmpty() && !invoice.isEmpty()) {
                return Optional.of(new L402Challenge(scheme.group(1).toUpperCase(Locale.ROOT), macaroon,
                        invoice.trim()));
            }
        }
        return Optional.empty();
    }
}
