package com.satrank.serving.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Which form of POST /api/intent a request is, which decides its price before the body is bound:
 * a body with {@code category} is the service form, free unless {@code fresh} is asked for (query
 * {@code fresh=true} exactly, or body {@code "fresh": true}, as the reference); anything else is the
 * node form, sold as {@link PaidRoute#INTENT}. The body is read once here and handed back to Jersey.
 */
public final class IntentForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IntentForm() {
    }

    /** The route to bill, or null when the request is free. */
    public static PaidRoute route(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return PaidRoute.INTENT;
        }
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            return PaidRoute.INTENT;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException malformed) {
            return PaidRoute.INTENT; // the resource answers 400 once paid for, as for any route
        }
        if (tree == null || !tree.isObject() || !tree.has("category")) {
            return PaidRoute.INTENT;
        }
        boolean fresh = "true".equals(request.getUriInfo().getQueryParameters().getFirst("fresh"))
                || tree.path("fresh").isBoolean() && tree.get("fresh").booleanValue();
        return fresh ? PaidRoute.FRESH_INTENT : null;
    }
}
