package com.satrank.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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

    /** Our own failure where a reader or Jersey wrapped it (a body stream that refused to go on). */
    static ApiException ours(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    private static Response ours(ApiException api, ContainerRequestContext request) {
        return respond(api.status(), api.code(), api.getMessage(), request);
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
            ApiException wrapped = ours(e);
            if (wrapped != null) {
                return ours(wrapped, request.get());
            }
            int status = e.getResponse().getStatus();
            return respond(status, HttpErrors.code(status), HttpErrors.message(status), request.get());
        }
    }

    public static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Context
        private Provider<ContainerRequestContext> request;

        @Override
        public Response toResponse(JsonProcessingException e) {
            ApiException wrapped = ours(e);
            if (wrapped != null) {
                return ours(wrapped, request.get());
            }
            return respond(400, "MALFORMED_REQUEST", describe(e), request.get());
        }

        /**
         * What is wrong, by field and position, in words a client can act on; Jackson's own message
         * names our request classes, so it is never passed on.
         */
        static String describe(JsonProcessingException e) {
            String field = e instanceof JsonMappingException m ? path(m) : "";
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            if (e instanceof UnrecognizedPropertyException u) {
                return "Malformed request body: unknown field '" + u.getPropertyName() + "'";
            }
            if (e instanceof MismatchedInputException && !field.isEmpty()) {
                return "Malformed request body: field '" + field + "' has the wrong type or format";
            }
            if (e instanceof MismatchedInputException) {
                return "Malformed request body: expected a JSON object" + where;
            }
            if (e instanceof JsonMappingException && !field.isEmpty()) {
                return "Malformed request body: field '" + field + "' is invalid";
            }
            return "Malformed request body: not valid JSON" + where;
        }

        private static String path(JsonMappingException e) {
            StringBuilder out = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    out.append('[').append(ref.getIndex()).append(']');
                }
            }
            return out.toString();
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
            ApiException wrapped = ours(e);
            if (wrapped != null) {
                return ours(wrapped, ctx);
            }
            LOG.error("unexpected error, request {}", RequestIdFilter.of(ctx), e);
            return respond(500, "INTERNAL_ERROR", "Internal server error", ctx);
        }
    }
}
