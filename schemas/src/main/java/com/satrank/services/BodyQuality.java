package com.satrank.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stage 5: is a paid response body worth what was paid? The reference's five binary checks: at
 * least 10 characters; not a trivial value; no error wording; no placeholder text; and, when JSON,
 * a non-empty object or array holding at least one non-empty value. It passes with three or more
 * checks passed and neither error wording nor placeholder text.
 */
public final class BodyQuality {
    private static final Set<String> TRIVIAL = Set.of("", "{}", "[]", "null", "\"\"", "ok", "OK", "true", "false", "0");
    private static final Pattern ERROR = Pattern.compile(
            "error|unavailable|internal server error|rate.?limit|unauthorized|forbidden|not found|quota.{0,15}exceeded|insufficient",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "lorem ipsum|dummy data|placeholder|TODO|coming soon|under construction", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyQuality() {
    }

    /** The outcome label: "quality_ok", or the first reason it failed. */
    public static String judge(String body) {
        String trimmed = body == null ? "" : body.trim();
        boolean error = ERROR.matcher(trimmed).find();
        boolean placeholder = PLACEHOLDER.matcher(trimmed).find();
        int score = 0;
        score += trimmed.length() >= 10 ? 1 : 0;
        score += TRIVIAL.contains(trimmed) ? 0 : 1;
        score += error ? 0 : 1;
        score += placeholder ? 0 : 1;
        score += jsonUseful(trimmed) ? 1 : 0;
        if (error) {
            return "error_body";
        }
        if (placeholder) {
            return "placeholder_body";
        }
        return score >= 3 ? "quality_ok" : "trivial_body";
    }

    /**
     * True for JSON holding a non-empty value. A body that is not JSON does not earn this point (the
     * reference leaves the case open): plain text then needs the other four checks, and "ok" fails.
     */
    private static boolean jsonUseful(String body) {
        if (!(body.startsWith("{") || body.startsWith("["))) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isEmpty()) {
                return false;
            }
            for (Iterator<JsonNode> values = node.elements(); values.hasNext(); ) {
                JsonNode value = values.next();
                if (!value.isNull() && !(value.isTextual() && value.asText().isEmpty())
                        && !(value.isContainerNode() && value.isEmpty())) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
