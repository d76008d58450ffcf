package com.satrank.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Provider;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure leaves as the JSON error envelope: our own {@link ApiException}s, Jersey's routing
 * errors (unknown route, wrong method, wrong media type), unreadable JSON, a database that is down
 * (503), and, last, anything unexpected (500, logged with its request id).
 */
public final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    public static Response respond(int status, String code, String message, ContainerRequestContext request) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message, RequestIdFilter.of(request)))
                .build();
    }

    public static final class Api implements ExceptionMapper<ApiException> {
        @Context
        private Provider<ContainerRequestContext> request;

        @Override
        public Response toResponse(ApiException e) {
            return respond(e.status(), e.code(), e.getMessage(), request.get());
        }
    }

    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        private Provider<ContainerRequestContext> request;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return switch (status) {
                case 404 -> respond(404, "NOT_FOUND", "Route not found", request.get());
                case 405 -> respond(405, "METHOD_NOT_ALLOWED", "Method not allowed on this route", request.get());
                case 406 -> respond(406, "NOT_ACCEPTABLE", "This route answers application/json", request.get());
                case 413 -> respond(413, "PAYLOAD_TOO_LARGE", "Payload too large", request.get());
                case 415 -> respond(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json",
                        request.get());
                default -> status >= 500
                        ? respond(status, "INTERNAL_ERROR", "Internal server error", request.get())
                        : respond(status, "BAD_REQUEST", "Bad request", request.get());
            };
        }
    }

    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Context
        private Provider<ContainerRequestContext> request;

        @Override
        public Response toResponse(JsonProcessingException e) {
            return respond(400, "MALFORMED_REQUEST", "Malformed request body: " + e.getOriginalMessage(),
                    request.get());
        }
    }

    /**
     * Database failures: a connection that cannot be had, or one that broke under the statement
     * (SQLState class 08, connection exception, or 57P, the server shutting down or starting) is a
     * 503 the client can retry; any other database error is a bug, a 500 logged with its request id.
     */
    public static final class Database implements ExceptionMapper<JdbiException> {
        @Context
        private Provider<ContainerRequestContext> request;

        @Override
        public Response toResponse(JdbiException e) {
            if (unavailable(e)) {
                LOG.warn("database unavailable: {}", e.getMessage());
                return respond(503, "SERVICE_UNAVAILABLE", "Database unavailable, try again shortly", request.get());
            }
            LOG.error("database error, request {}", RequestIdFilter.of(request.get()), e);
            return respond(500, "INTERNAL_ERROR", "Internal server error", request.get());
        }

        static boolean unavailable(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConnectionException) {
                    return true;
                }
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                    return true;
                }
            }
            return false;
        }
    }

    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        private Provider<ContainerRequestContext> request;

        @Override
        public Response toResponse(Throwable e) {
            ContainerRequestContext ctx = request.get();
            LOG.error("unexpected error, request {}", RequestIdFilter.of(ctx), e);
            return respond(500, "INTERNAL_ERROR", "Internal server error", ctx);
        }
    }
}
