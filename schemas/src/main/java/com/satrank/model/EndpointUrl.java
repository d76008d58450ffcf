package com.satrank.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A paid HTTP endpoint's URL and its id. The id ({@code url_hash}) is the hex SHA-256 of the
 * canonical form the system we re-implement uses, so ids match its clients': scheme and host lower
 * case (IDN to ASCII), default port dropped, userinfo, query and fragment dropped, trailing slashes
 * stripped except the root, percent triplets upper-cased and unreserved characters decoded.
 * {@link #url} keeps the URL as listed (with its query), which is what requests go to.
 */
public record EndpointUrl(String url, String canonical, String hash) {
    public EndpointUrl {
        if (hash == null || hash.length() != 64) {
            throw new IllegalArgumentException("url_hash must be 64 hex characters");
        }
    }

    /** Parses an absolute http(s) URL; throws IllegalArgumentException with a reason when it is not one. */
    public static EndpointUrl of(String url) {
        String canonical = canonicalize(url);
        return new EndpointUrl(url, canonical, HexFormat.of().formatHex(Sha256.of(canonical.getBytes(StandardCharsets.UTF_8))));
    }

    /** True when {@code value} has the shape of a url_hash (64 lower-case hex characters). */
    public static boolean isHash(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }

    static String canonicalize(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new IllegalArgumentException("url is empty or longer than 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must be http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("url has no host");
        }
        host = IDN.toASCII(host.toLowerCase(Locale.ROOT), IDN.ALLOW_UNASSIGNED);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = normalizePercent(uri.getRawPath() == null ? "" : uri.getRawPath());
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    private static String normalizePercent(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                int value = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (isUnreserved((char) value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
