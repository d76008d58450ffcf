package com.satrank.serving.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * A NUL character in a path or query value is refused before any route runs: PostgreSQL cannot
 * store or compare 0x00 in text and would answer the query with an error (a 500), and no id,
 * alias or number of ours contains one.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 300)
public final class NulGuard implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath(true).indexOf('\0') >= 0) {
            throw ApiException.validation("The path contains a NUL character");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters(true);
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            if (param.getKey().indexOf('\0') >= 0 || param.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                throw ApiException.validation("Query parameter '" + printable(param.getKey()) + "' contains a NUL character");
            }
        }
    }

    private static String printable(String name) {
        return name.replace("\0", "\\0");
    }
}
