package com.satrank.serving.api;

import com.satrank.metrics.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Every request Jersey answers, timed from before matching to the response: a histogram labelled by
 * route template (never the raw path, so ids do not make new series), method and status code; and
 * refusals of our own limits counted by reason, at 0 from the start.
 */
@PreMatching
@Priority(0)
public final class HttpMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = "satrank.http.started";
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE",
            "HEAD", "OPTIONS");

    private final Histogram requests;
    private final Counter refused;

    public HttpMetrics(Metrics metrics) {
        this.requests = metrics.histogram("satrank_http_request_duration_seconds",
                "HTTP requests by route template, method and status code, and their duration",
                Metrics.LATENCY_SECONDS, "route", "method", "code");
        this.refused = metrics.counter("satrank_http_refused_total",
                "Requests refused by a limit of ours: rate_limited (429), payload_too_large (413)", "reason");
        List.of("rate_limited", "payload_too_large").forEach(r -> refused.labelValues(r));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        int status = response.getStatus();
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        requests.labelValues(route(request), method, String.valueOf(status))
                .observe((System.nanoTime() - started) / 1e9);
        if (status == 429) {
            refused.labelValues("rate_limited").inc();
        } else if (status == 413) {
            refused.labelValues("payload_too_large").inc();
        }
    }

    /** The matched resource's template, such as {@code /api/agent/{id}}; "unmatched" for a 404. */
    static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info) || info.getMatchedTemplates().isEmpty()) {
            return "unmatched";
        }
        StringBuilder route = new StringBuilder();
        var templates = info.getMatchedTemplates();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String t = templates.get(i).getTemplate();
            if (!t.equals("/")) {
                route.append(t.startsWith("/") ? t : "/" + t);
            }
        }
        return route.length() == 0 ? "/" : route.toString().replace("//", "/");
    }
}
