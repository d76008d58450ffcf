package com.satrank.serving.runtime;

import com.satrank.db.Migrations;
import com.satrank.ingest.graph.GraphCrawlLoop;
import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.ingest.lnd.LndEndpoint;
import com.satrank.ingest.lnd.LndGraphClient;
import com.satrank.ingest.lnd.LndInfo;
import com.satrank.ingest.lnd.LndStatus;
import com.satrank.ingest.lnd.ProbeClient;
import com.satrank.ingest.probe.ProbeSettings;
import com.satrank.ingest.probe.Prober;
import com.satrank.ingest.probe.RecentlyQueried;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.pipeline.PipelineLoop;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.serving.api.ErrorMappers;
import com.satrank.serving.api.RequestIdFilter;
import com.satrank.serving.config.LndConfig;
import com.satrank.serving.config.ProcessMode;
import com.satrank.serving.config.SatRankConfiguration;
import com.satrank.serving.resources.AgentsResource;
import com.satrank.serving.resources.HealthResource;
import com.satrank.serving.resources.LndView;
import com.satrank.serving.resources.MetricsResource;
import com.satrank.serving.resources.OpenApiResource;
import com.satrank.serving.resources.ReportResource;
import com.satrank.reports.ReportIntake;
import com.satrank.serving.resources.StatsResource;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the parts a {@link ProcessMode} needs; every managed part is stopped in reverse order. */
public final class Processes {
    private static final Logger LOG = LoggerFactory.getLogger(Processes.class);

    private Processes() {
    }

    public static void wire(SatRankConfiguration config, Environment env, InstantSource clock) {
        ProcessMode mode = config.mode();
        Path dataDir = Path.of(config.dataDir());
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }

        Jdbi jdbi = null;
        String expectedSchema = null;
        if (mode.database()) {
            Database database = Database.open(config);
            env.lifecycle().manage(onStop(database::close));
            Migrations.Outcome migrated = Migrations.migrate(database.url(), database.user(), database.password());
            LOG.info("database {} at schema {} ({} migration(s) applied)", database.url(),
                    migrated.expectedVersion(), migrated.applied());
            jdbi = new JdbiFactory().build(env, database.dataSourceFactory(), "postgres");
            expectedSchema = migrated.expectedVersion();
        }

        ChronicleEventLog graphLog = ChronicleEventLog.open(dataDir, LogStream.GRAPH, clock);
        env.lifecycle().manage(onStop(graphLog::close));
        ChronicleEventLog probesLog = ChronicleEventLog.open(dataDir, LogStream.PROBES, clock);
        env.lifecycle().manage(onStop(probesLog::close));
        ChronicleEventLog reportsLog = ChronicleEventLog.open(dataDir, LogStream.REPORTS, clock);
        env.lifecycle().manage(onStop(reportsLog::close));
        ChronicleEventLog queriesLog = ChronicleEventLog.open(dataDir, LogStream.QUERIES, clock);
        env.lifecycle().manage(onStop(queriesLog::close));

        LndView lndView = LndView.disabled();
        SimFiles sim = mode.sim() ? startSim(config, env, dataDir, clock) : null;
        if (mode.ingest()) {
            LndEndpoint endpoint = sim != null ? sim.readonly() : endpoint(config.lnd());
            String payMacaroon = sim != null ? sim.payMacaroon().toString() : config.probe().payMacaroonPath();
            lndView = startIngest(config, env, endpoint, payMacaroon, graphLog, probesLog, queriesLog, clock);
        }
        if (mode.pipeline()) {
            com.satrank.pipeline.store.WriterLock lock = com.satrank.pipeline.store.WriterLock.acquire(jdbi);
            env.lifecycle().manage(onStop(lock::close));
            PipelineLoop loop = new PipelineLoop(new ScoringPipeline(graphLog, probesLog, reportsLog,
                    new JdbiScoreStore(jdbi), clock, ScoringPipeline.LIVE_HOLD_BACK).scoring(config.scoring().params()),
                    Duration.ofMillis(500));
            env.lifecycle().manage(managed(loop::start, loop::close));
        }

        var jersey = env.jersey();
        jersey.register(new RequestIdFilter());
        jersey.register(new com.satrank.serving.limits.BodyCap(config.limits().maxBodyBytes()));
        if (config.limits().freeRequestsPerMinute() > 0) {
            jersey.register(new com.satrank.serving.limits.FreeRouteLimits(new com.satrank.serving.limits.IpRateLimiter(
                    config.limits().freeRequestsPerMinute(), io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME)));
        }
        jersey.register(new ErrorMappers.Api());
        jersey.register(new ErrorMappers.Web());
        jersey.register(new ErrorMappers.Json());
        jersey.register(new ErrorMappers.Database());
        jersey.register(new ErrorMappers.Unexpected());
        jersey.register(new HealthResource(jdbi, expectedSchema, lndView,
                java.util.Map.of(LogStream.GRAPH, graphLog, LogStream.PROBES, probesLog, LogStream.REPORTS, reportsLog),
                clock));
        PrometheusRegistry prometheus = new PrometheusRegistry();
        // Jersey adds a "<name>.total" timer beside each @Timed "<name>"; Prometheus strips the
        // _total suffix, so exporting both would collide. The per-method timer alone is enough.
        DropwizardExports.builder().dropwizardRegistry(env.metrics())
                .metricFilter((name, metric) -> !name.endsWith(".total"))
                .register(prometheus);
        jersey.register(new MetricsResource(prometheus, config.apiKey()));
        jersey.register(new OpenApiResource());
        env.metrics().gauge("satrank_log_appended_bytes_graph", () -> graphLog::bytesAppended);
        env.metrics().gauge("satrank_log_appended_events_graph", () -> graphLog::eventsAppended);
        env.metrics().gauge("satrank_log_appended_bytes_probes", () -> probesLog::bytesAppended);
        env.metrics().gauge("satrank_log_appended_events_probes", () -> probesLog::eventsAppended);
        if (mode.api()) {
            jersey.register(new AgentsResource(jdbi, new QueryRecorder(queriesLog.appender("serving", null), clock),
                    env.getObjectMapper()));
            jersey.register(new StatsResource(jdbi));
            LndEndpoint lnd = sim != null ? sim.readonly() : config.lnd().configured() ? endpoint(config.lnd()) : null;
            String invoiceMacaroon = sim != null ? sim.invoiceMacaroon().toString() : config.l402().invoiceMacaroonPath();
            var tokenReporters = Billing.register(config, env, jdbi, clock, lnd,
                    invoiceMacaroon.isBlank() ? null : Path.of(invoiceMacaroon));
            jersey.register(new ReportResource(new ReportIntake(reportsLog, reportsLog.appender("serving", null), clock),
                    config.apiKey(), env.metrics(), tokenReporters::reporter));
        }
        if (mode == ProcessMode.DEMO) {
            env.lifecycle().addServerLifecycleListener(server -> DemoBanner.print(server));
        }
    }

    /** Where the embedded sim's credentials are. */
    private record SimFiles(LndEndpoint readonly, Path payMacaroon, Path invoiceMacaroon) {
    }

    private static SimFiles startSim(SatRankConfiguration config, Environment env, Path dataDir,
                                     InstantSource clock) {
        var sim = config.sim();
        LndSimServer server = LndSimServer.start(new LndSimSettings("127.0.0.1", sim.port(),
                dataDir.resolve("lnd-sim"), sim.seed(), sim.nodes(), sim.channels(),
                sim.graphFile().isBlank() ? null : Path.of(sim.graphFile())), clock);
        env.lifecycle().manage(onStop(server::close));
        return new SimFiles(new LndEndpoint("127.0.0.1", server.port(), server.tlsCertPath(),
                server.macaroonPath(SimMacaroons.READONLY), config.lnd().deadline()),
                server.macaroonPath(SimMacaroons.PAY), server.macaroonPath(SimMacaroons.INVOICE));
    }

    private static LndEndpoint endpoint(LndConfig lnd) {
        if (!lnd.configured()) {
            throw new IllegalArgumentException("lnd.tlsCertPath and lnd.readonlyMacaroonPath must be set for ingest");
        }
        return new LndEndpoint(lnd.host(), lnd.port(), Path.of(lnd.tlsCertPath()),
                Path.of(lnd.readonlyMacaroonPath()), lnd.deadline());
    }

    private static LndView startIngest(SatRankConfiguration config, Environment env, LndEndpoint endpoint,
                                       String payMacaroon, ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                       ChronicleEventLog queriesLog, InstantSource clock) {
        LndStatus status = new LndStatus(env.metrics());
        LndGraphClient client = new LndGraphClient(endpoint, status);
        env.lifecycle().manage(onStop(client::close));
        AtomicReference<LndInfo> info = new AtomicReference<>();
        byte[] lndPubkey = new byte[0];
        try {
            info.set(client.getInfo());
            lndPubkey = info.get().identity().toBytes();
        } catch (RuntimeException e) {
            LOG.warn("LND not reachable at start ({}); crawling will retry", e.getMessage());
        }
        GraphCrawler crawler = new GraphCrawler(client, graphLog.appender("ingest", lndPubkey), clock,
                config.ingest().keyframeEvery());
        GraphCrawlLoop loop = new GraphCrawlLoop(crawler, config.ingest().crawlInterval());
        env.lifecycle().manage(managed(loop::start, loop::close));
        if (!payMacaroon.isBlank()) {
            var probe = config.probe();
            ProbeClient probeClient = new ProbeClient(endpoint, Path.of(payMacaroon), status);
            Prober prober = new Prober(probeClient, probesLog.appender("prober", lndPubkey), crawler::lastNodePubkeys,
                    new RecentlyQueried(queriesLog, clock, probe.minInterval().multipliedBy(2)), clock, new ProbeSettings(probe.targetsPerCycle(), probe.minInterval(),
                    probe.concurrency(), probe.cycleInterval().multipliedBy(10)));
            ProbeLoop probes = new ProbeLoop(prober, probe.cycleInterval());
            env.lifecycle().manage(managed(probes::start, () -> {
                probes.close();
                probeClient.close();
            }));
        } else {
            LOG.info("probe.payMacaroonPath not set: the prober is off");
        }
        // Health asks at most every 30 s, so a busy health endpoint never turns into LND load.
        java.util.concurrent.atomic.AtomicLong lastAskedMs = new java.util.concurrent.atomic.AtomicLong(clock.millis());
        return new LndView(status, () -> {
            long now = clock.millis();
            long last = lastAskedMs.get();
            if (now - last >= 30_000 && lastAskedMs.compareAndSet(last, now)) {
                try {
                    info.set(client.getInfo());
                } catch (RuntimeException e) {
                    // health reports the status; the last known identity is still worth showing
                }
            }
            return Optional.ofNullable(info.get());
        });
    }

    static Managed onStop(Runnable stop) {
        return managed(() -> { }, stop);
    }

    private static Managed managed(Runnable start, Runnable stop) {
        return new Managed() {
            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }
}
