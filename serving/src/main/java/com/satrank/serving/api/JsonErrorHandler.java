package com.satrank.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import io.dropwizard.core.setup.Environment;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers in our JSON envelope: errors raised before Jersey sees the request (a request
 * line or headers Jetty refuses: ambiguous paths, 414, 431, 417, bad framing) and every
 * {@code sendError} outside Jersey (a method the server does not allow, whatever its spelling).
 * Jetty's default writes HTML, and no body at all for methods other than GET, POST and HEAD.
 * A CONNECT is answered and the connection closed: Jetty would otherwise keep it for a tunnel.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** On the server (parser errors, set once it has started) and on both servlet contexts (sendError). */
    public static void install(Environment env) {
        env.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        env.getAdminContext().setErrorHandler(new JsonErrorHandler());
        env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        int status = response.getStatus();
        String requestId = RequestIdFilter.mint();
        byte[] body = body(status, HttpErrors.message(status), requestId);
        response.resetBuffer();
        response.setHeader(RequestIdFilter.HEADER, requestId);
        // a CONNECT would otherwise keep its connection for a tunnel; a server that is stopping wants
        // the client to come back on a new connection (to another instance, or after the restart)
        if (HttpMethod.CONNECT.is(request.getMethod())
                || (status == 503 && baseRequest.getHttpChannel().getServer().isStopping())) {
            response.setHeader(HttpHeader.CONNECTION.asString(), "close");
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        if (!HttpMethod.HEAD.is(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** A request Jetty's parser refused: its reason names the rule broken, never our classes. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = RequestIdFilter.mint();
        String message = reason == null || reason.isBlank() || reason.length() > 120
                ? HttpErrors.message(status) : reason;
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        fields.put(RequestIdFilter.HEADER, requestId);
        return ByteBuffer.wrap(body(status, message, requestId));
    }

    private static byte[] body(int status, String message, String requestId) {
        try {
            return JSON.writeValueAsBytes(ErrorBody.of(HttpErrors.code(status), message, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
