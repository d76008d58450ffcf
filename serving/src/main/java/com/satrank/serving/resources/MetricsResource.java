package com.satrank.serving.resources;

import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.ApiKey;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Prometheus text exposition of this process's Dropwizard metrics. Free from loopback (the local
 * scraper); from anywhere else it needs the API key, as {@code X-API-Key} or as
 * {@code Authorization: Bearer} (what Prometheus can send), compared in constant time.
 */
@Path("/metrics")
public final class MetricsResource {
    private final PrometheusRegistry registry;
    private final ApiKey apiKey;

    public MetricsResource(PrometheusRegistry registry, String apiKey) {
        this.registry = registry;
        this.apiKey = ApiKey.of(apiKey);
    }

    @GET
    public Response scrape(@Context HttpServletRequest request, @HeaderParam("X-API-Key") String key,
                           @HeaderParam("Authorization") String authorization) {
        String presented = key != null ? key : bearer(authorization);
        if (!allowed(request.getRemoteAddr(), presented)) {
            throw new ApiException(401, "UNAUTHORIZED", "X-API-Key required for /metrics from non-loopback clients");
        }
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        StreamingOutput body = out -> writer.write(out, registry.scrape());
        return Response.ok(body, writer.getContentType()).build();
    }

    boolean allowed(String remoteAddress, String key) {
        return isLoopback(remoteAddress) || apiKey.matches(key);
    }

    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : null;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
