package com.satrank.serving;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.log.EventLogs;
import com.satrank.log.LogStream;
import com.satrank.reports.ReportIntake;
import com.satrank.serving.api.ClientAddress;
import com.satrank.serving.api.ErrorMappers;
import com.satrank.serving.api.JsonErrorHandler;
import com.satrank.serving.api.NulGuard;
import com.satrank.serving.api.QueryRecorder;
import com.satrank.serving.api.RequestIdFilter;
import com.satrank.serving.config.L402Config;
import com.satrank.serving.config.LimitsConfig;
import com.satrank.serving.limits.BodyCap;
import com.satrank.serving.limits.FreeRouteLimits;
import com.satrank.serving.limits.IpRateLimiter;
import com.satrank.serving.resources.AgentsResource;
import com.satrank.serving.resources.HealthResource;
import com.satrank.serving.resources.LndView;
import com.satrank.serving.resources.MetricsResource;
import com.satrank.serving.resources.OpenApiResource;
import com.satrank.serving.resources.ReportResource;
import com.satrank.serving.resources.StatsResource;
import com.satrank.serving.resources.ServicesResource;
import com.satrank.services.catalog.EndpointProbes;
import io.dropwizard.core.setup.Environment;
import io.github.bucket4j.TimeMeter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import com.satrank.metrics.Metrics;
import com.satrank.serving.api.HttpMetrics;
import java.util.LinkedHashMap;
import java.util.function.DoubleSupplier;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a process. Every process answers health, /metrics and the OpenAPI document on
 * its port; the API process adds the agent routes, L402 billing and reports. Jetty stops accepting
 * requests before {@link #close} runs; it then closes the LND clients the paid routes use.
 */
public final class ApiProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiProcess.class);

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** What the API routes need besides the database and the logs. */
    /** @param probes on-demand endpoint probes (fresh intents, POST /api/probe), or null where none run */
    public record AgentRoutes(String apiKey, L402Config l402, LndEndpoint lnd, Path invoiceMacaroon,
                              EndpointProbes probes) {
    }

    /**
     * @param jdbi           the database, or null in a process without one (ingest)
     * @param expectedSchema the migration version health expects, or null without a database
     * @param agentRoutes    the API's routes, or null for health and metrics only
     */
    public static ApiProcess register(Environment env, Metrics metrics, LimitsConfig limits, String apiKey, Jdbi jdbi,
                                      String expectedSchema, LndView lnd, EventLogs logs, InstantSource clock,
                                      AgentRoutes agentRoutes) {
        ApiProcess process = new ApiProcess();
        var jersey = env.jersey();
        JsonErrorHandler.install(env);
        // bodies follow the schema: 1.5 is not an integer and "5" is not a number
        var json = env.getObjectMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            json.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        jersey.register(new HttpMetrics(metrics));
        jersey.register(new RequestIdFilter());
        jersey.register(new ClientAddress());
        jersey.register(new NulGuard());
        jersey.register(new BodyCap(limits.maxBodyBytes()));
        if (limits.freeRequestsPerMinute() > 0) {
            jersey.register(new FreeRouteLimits(new IpRateLimiter(limits.freeRequestsPerMinute(),
                    TimeMeter.SYSTEM_NANOTIME)));
        }
        jersey.register(new ErrorMappers.Api());
        jersey.register(new ErrorMappers.Web());
        jersey.register(new ErrorMappers.Json());
        jersey.register(new ErrorMappers.Database());
        jersey.register(new ErrorMappers.Unexpected());
        jersey.register(new HealthResource(jdbi, expectedSchema, lnd,
                Map.of(LogStream.GRAPH, logs.graph(), LogStream.PROBES, logs.probes(), LogStream.REPORTS, logs.reports()),
                clock));
        // the process's own Prometheus metrics, not Dropwizard's registry (camelCase names, no labels)
        JvmMetrics.builder().register(metrics.registry());
        Map<String, DoubleSupplier> bytes = new LinkedHashMap<>();
        Map<String, DoubleSupplier> events = new LinkedHashMap<>();
        for (LogStream stream : LogStream.values()) {
            bytes.put(stream.dirName(), () -> logs.get(stream).bytesAppended());
            events.put(stream.dirName(), () -> logs.get(stream).eventsAppended());
        }
        metrics.counter("satrank_log_appended_bytes_total", "Bytes this process appended to each log", "stream", bytes);
        metrics.counter("satrank_log_appended_events_total", "Events this process appended to each log", "stream",
                events);
        jersey.register(new MetricsResource(metrics.registry(), apiKey));
        jersey.register(new OpenApiResource());
        if (agentRoutes != null) {
            QueryRecorder recorder = new QueryRecorder(logs.queries().appender("serving", null), clock);
            jersey.register(new AgentsResource(jdbi, recorder, env.getObjectMapper(), clock));
            jersey.register(new ServicesResource(jdbi, recorder, clock));
            jersey.register(new com.satrank.serving.registration.ServiceRegisterResource(jdbi, logs.services(),
                    logs.services().appender("service-register", null), agentRoutes.probes(), clock));
            jersey.register(new StatsResource(jdbi));
            var tokenReporters = Billing.register(agentRoutes.l402(), limits, agentRoutes.apiKey(), env, metrics, jdbi, clock,
                    agentRoutes.lnd(), agentRoutes.invoiceMacaroon(), recorder, agentRoutes.probes(), process.owned::push);
            jersey.register(new ReportResource(new ReportIntake(logs.reports(), logs.reports().appender("serving", null),
                    clock), agentRoutes.apiKey(), metrics, tokenReporters::reporter,
                    hash -> jdbi.withHandle(h -> com.satrank.db.EndpointQueries.byHash(h, hash))
                            .map(e -> Optional.ofNullable(e.payeePubkey())), clock));
        }
        return process;
    }

    /** Closes what the routes opened (LND channels), last opened first. */
    @Override
    public void close() {
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                LOG.warn("closing an API part failed", e);
            }
        }
    }
}
