package com.satrank.serving.limits;

import com.satrank.serving.api.ErrorMappers;
import com.satrank.serving.api.Paid;
import com.satrank.serving.api.PaidRoute;
import com.satrank.serving.api.IntentForm;
import jakarta.annotation.Priority;
import com.satrank.serving.api.ClientAddress;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * Per-address limits on the free {@code /api} routes, the free form of POST /api/intent included
 * (paid routes are limited by payment, their
 * challenges by {@link ChallengeLimits}; health,
 * metrics and the OpenAPI document by the monitoring that calls them): past the limit a 429
 * RATE_LIMITED with Retry-After. The address is {@link ClientAddress}'s.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class FreeRouteLimits implements ContainerRequestFilter {
    private static final Set<String> EXEMPT = Set.of("HealthResource", "MetricsResource", "OpenApiResource");
    private final IpRateLimiter limiter;

    @Context
    private ResourceInfo resource;

    public FreeRouteLimits(IpRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() == null || EXEMPT.contains(resource.getResourceClass().getSimpleName())) {
            return;
        }
        Paid paid = resource.getResourceMethod().getAnnotation(Paid.class);
        // a paid route is limited by payment, except the free (service) form of the intent
        if (paid != null && (paid.value() != PaidRoute.INTENT || IntentForm.route(request) != null)) {
            return;
        }
        IpRateLimiter.Decision d = limiter.tryConsume(ClientAddress.of(request));
        if (!d.allowed()) {
            request.abortWith(tooMany(d, request, "requests from this address"));
        }
    }

    /** 429 RATE_LIMITED with Retry-After, in the envelope. */
    public static Response tooMany(IpRateLimiter.Decision d, ContainerRequestContext request, String what) {
        Response r = ErrorMappers.respond(429, "RATE_LIMITED",
                "Too many " + what + "; retry after " + d.retryAfterSeconds() + " s", request);
        r.getHeaders().putSingle("Retry-After", d.retryAfterSeconds());
        return r;
    }
}
