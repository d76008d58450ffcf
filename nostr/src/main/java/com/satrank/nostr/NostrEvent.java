package com.satrank.nostr;

import java.util.List;

/**
 * A NIP-01 event. {@link #canonical} is the serialisation its id is the SHA-256 of:
 * {@code [0,<pubkey>,<created_at>,<kind>,<tags>,<content>]} without whitespace, strings escaped
 * exactly as JavaScript's JSON.stringify escapes them (what nostr-tools hashes).
 */
public record NostrEvent(String id, String pubkey, long createdAt, int kind, List<List<String>> tags, String content,
                         String sig) {
    public NostrEvent {
        tags = tags.stream().map(List::copyOf).toList();
    }

    public String canonical() {
        return canonical(pubkey, createdAt, kind, tags, content);
    }

    /** An event as JSON carries it (NIP-01 field names); fields missing or of the wrong type read as empty. */
    public static NostrEvent fromJson(com.fasterxml.jackson.databind.JsonNode e) {
        List<List<String>> tags = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode tag : e.path("tags")) {
            List<String> values = new java.util.ArrayList<>();
            tag.forEach(v -> values.add(v.asText()));
            tags.add(values);
        }
        return new NostrEvent(e.path("id").asText(), e.path("pubkey").asText(), e.path("created_at").asLong(),
                e.path("kind").asInt(), tags, e.path("content").asText(), e.path("sig").asText());
    }

    static String canonical(String pubkey, long createdAt, int kind, List<List<String>> tags, String content) {
        StringBuilder out = new StringBuilder(256 + content.length());
        out.append("[0,");
        string(out, pubkey);
        out.append(',').append(createdAt).append(',').append(kind).append(',');
        tags(out, tags);
        out.append(',');
        string(out, content);
        return out.append(']').toString();
    }

    /** The event as relays and clients exchange it (NIP-01 object, same escaping). */
    public String toJson() {
        StringBuilder out = new StringBuilder(512 + content.length());
        out.append("{\"id\":");
        string(out, id);
        out.append(",\"pubkey\":");
        string(out, pubkey);
        out.append(",\"created_at\":").append(createdAt).append(",\"kind\":").append(kind).append(",\"tags\":");
        tags(out, tags);
        out.append(",\"content\":");
        string(out, content);
        out.append(",\"sig\":");
        string(out, sig);
        return out.append('}').toString();
    }

    private static void tags(StringBuilder out, List<List<String>> tags) {
        out.append('[');
        for (int i = 0; i < tags.size(); i++) {
            out.append(i == 0 ? "[" : ",[");
            List<String> tag = tags.get(i);
            for (int j = 0; j < tag.size(); j++) {
                if (j > 0) {
                    out.append(',');
                }
                string(out, tag.get(j));
            }
            out.append(']');
        }
        out.append(']');
    }

    /** A JSON string as JSON.stringify writes it. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
