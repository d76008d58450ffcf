package com.satrank.nostr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * NIP-98 HTTP authentication: {@code Authorization: Nostr <base64 of a signed kind 27235 event>}
 * whose {@code u} tag is the request's absolute URL, {@code method} tag its method, created_at within
 * {@link #WINDOW_SECONDS} of now, and, when it has a {@code payload} tag, that tag is the hex SHA-256
 * of the body. The signature is checked through libsecp256k1 ({@link EventSigner#verify}). Pure.
 */
public final class Nip98 {
    public static final int KIND = 27235;
    static final long WINDOW_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Nip98() {
    }

    /** The signer's x-only pubkey (hex) when valid, else why not. */
    public record Result(Optional<String> pubkey, String reason) {
        static Result no(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }

    public static Result verify(String authorization, String method, String url, byte[] body, long nowSeconds) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Nostr ", 0, 6)) {
            return Result.no("no Authorization: Nostr <event> header");
        }
        NostrEvent event;
        try {
            JsonNode json = JSON.readTree(Base64.getDecoder().decode(authorization.substring(6).trim()));
            if (json == null || !json.isObject()) {
                return Result.no("the event is not a JSON object");
            }
            event = NostrEvent.fromJson(json);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Result.no("the event is not base64 JSON");
        }
        if (event.kind() != KIND) {
            return Result.no("kind must be " + KIND);
        }
        if (Math.abs(nowSeconds - event.createdAt()) > WINDOW_SECONDS) {
            return Result.no("created_at is more than " + WINDOW_SECONDS + " s from now");
        }
        if (!tag(event, "u").map(u -> sameUrl(u, url)).orElse(false)) {
            return Result.no("the u tag is not this request's URL (" + url + ")");
        }
        if (!tag(event, "method").map(m -> m.toUpperCase(Locale.ROOT).equals(method)).orElse(false)) {
            return Result.no("the method tag is not " + method);
        }
        Optional<String> payload = tag(event, "payload");
        if (payload.isPresent() && !payload.get().equalsIgnoreCase(HexFormat.of().formatHex(Sha256.of(
                body == null ? new byte[0] : body)))) {
            return Result.no("the payload tag is not the body's SHA-256");
        }
        if (!EventSigner.verify(event)) {
            return Result.no("bad id or signature");
        }
        return new Result(Optional.of(event.pubkey()), "valid");
    }

    /** A NIP-98 Authorization header for a request, signed by {@code keys} (what a client sends). */
    public static String authorization(NostrKeys keys, String method, String url, byte[] body, long createdAt) {
        List<List<String>> tags = new java.util.ArrayList<>(List.of(List.of("u", url), List.of("method", method)));
        if (body != null && body.length > 0) {
            tags.add(List.of("payload", HexFormat.of().formatHex(Sha256.of(body))));
        }
        NostrEvent event = new EventSigner().sign(keys, createdAt, KIND, tags, "");
        return "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameUrl(String signed, String actual) {
        return strip(signed).equals(strip(actual));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Optional<String> tag(NostrEvent e, String name) {
        return e.tags().stream().filter(t -> t.size() >= 2 && t.get(0).equals(name)).map(t -> t.get(1)).findFirst();
    }
}
