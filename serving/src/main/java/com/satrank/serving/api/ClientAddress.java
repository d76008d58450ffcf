package com.satrank.serving.api;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * The client's address, read once from the servlet request and kept on the request for the limits:
 * Dropwizard takes it from X-Forwarded-For only when {@code useForwardedHeaders} is on (one trusted
 * proxy in front). Without a servlet (an in-memory test container) every client is "unknown".
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 400)
public final class ClientAddress implements ContainerRequestFilter {
    private static final String PROPERTY = "satrank.clientAddress";

    @Context
    private HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, servlet.getRemoteAddr());
    }

    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : "unknown";
    }
}
