package com.satrank.serving.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;

/** Accepts a sane incoming X-Request-Id or mints one, and echoes it on every response. */
@Provider
@PreMatching
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "satrank.requestId";
    private static final Pattern SANE = Pattern.compile("[\\w\\-]{1,64}");

    @Override
    public void filter(ContainerRequestContext request) {
        String incoming = request.getHeaderString(HEADER);
        request.setProperty(PROPERTY, incoming != null && SANE.matcher(incoming).matches()
                ? incoming : mint());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        response.getHeaders().putSingle("X-API-Version", "1.0");
    }

    public static String of(ContainerRequestContext request) {
        Object id = request == null ? null : request.getProperty(PROPERTY);
        return id == null ? mint() : id.toString();
    }

    /**
     * A version-4-shaped UUID from the thread's own generator. Request ids only need to be unique
     * in the logs; UUID.randomUUID draws on the one synchronised SecureRandom, where concurrent
     * requests queued for up to 27 ms (JFR monitor events under load, docs/benchmarks.md).
     */
    public static String mint() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
