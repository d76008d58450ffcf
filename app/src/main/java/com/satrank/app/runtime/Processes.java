package com.satrank.app.runtime;

import com.satrank.app.config.ProcessMode;
import com.satrank.metrics.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.db.Database;
import com.satrank.db.Migrations;
import com.satrank.ingest.IngestProcess;
import com.satrank.lndclient.LndConfig;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.EventLogs;
import com.satrank.pipeline.PipelineProcess;
import com.satrank.serving.ApiProcess;
import com.satrank.serving.resources.LndView;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the processes a {@link ProcessMode} runs in one JVM. Parts are handed to Dropwizard's
 * lifecycle in the order they depend on each other; Jetty stops accepting requests first, then
 * Dropwizard stops managed parts in reverse order: processes (loops joined, LND clients closed) →
 * lnd-sim → logs (tailers and appenders, then queues) → database.
 */
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
            Database database = Database.open(config.database(), dataDir);
            manage(env, database);
            Migrations.Outcome migrated = Migrations.migrate(database.url(), database.user(), database.password());
            LOG.info("database {} at schema {} ({} migration(s) applied)", database.url(),
                    migrated.expectedVersion(), migrated.applied());
            jdbi = new JdbiFactory().build(env, database.dataSourceFactory(), "postgres");
            expectedSchema = migrated.expectedVersion();
        }
        EventLogs logs = EventLogs.open(dataDir, clock);
        manage(env, logs);
        Metrics metrics = new Metrics(new PrometheusRegistry());
        if (config.services().allowLoopback() && config.l402().production()) {
            throw new IllegalStateException("services.allowLoopback lets requests reach this machine (SSRF); it is"
                    + " for the demo's local economy and production refuses to start with it");
        }

        SimFiles sim = mode.sim() ? startSim(config, env, dataDir, clock) : null;
        if (sim != null && sim.economy() != null && !config.services().enabled()) {
            config.services().useDemoEconomy(java.util.List.of(
                    new com.satrank.ingest.config.ServicesConfig.Registry("402index", sim.economy().registryUrl()),
                    new com.satrank.ingest.config.ServicesConfig.Registry("l402directory", sim.economy().directoryUrl())));
        }
        LndView lndView = LndView.disabled();
        if (mode.ingest()) {
            LndEndpoint endpoint = sim != null ? sim.readonly() : endpoint(config.lnd());
            String payMacaroon = sim != null ? sim.payMacaroon().toString() : config.probe().payMacaroonPath();
            IngestProcess ingest = IngestProcess.create(config.ingest(), config.probe(), config.services(), endpoint,
                    payMacaroon, logs, metrics, clock);
            env.lifecycle().manage(managed(ingest::start, ingest));
            lndView = new LndView(ingest.lndStatus(), ingest::lndInfo);
        }
        if (mode.pipeline()) {
            PipelineProcess pipeline = PipelineProcess.create(jdbi, logs, config.scoring().params(), metrics,
                    clock);
            env.lifecycle().manage(managed(pipeline::start, pipeline));
        }
        com.satrank.nostr.NostrKeys nostrKeys = config.nostr().publishing()
                ? config.nostr().keys(config.l402().production()) : null;
        if (mode.api()) {
            env.jersey().register(new com.satrank.serving.resources.NostrJsonResource(
                    nostrKeys == null ? null : nostrKeys.publicKeyHex(), config.nostr().relays()));
            env.jersey().register(new com.satrank.serving.resources.OracleResource(jdbi,
                    nostrKeys == null ? null : nostrKeys.publicKeyHex(), clock));
        }
        if (mode.nostr() && nostrKeys != null) {
            var publishing = new com.satrank.nostr.publish.NostrPublishing(config.nostr(), nostrKeys, jdbi, clock);
            env.lifecycle().manage(managed(publishing::start, publishing));
        } else if (mode == ProcessMode.PUBLISHER) {
            throw new IllegalArgumentException("the publisher needs nostr.publish: true and at least one nostr.relays URL");
        }
        ApiProcess.AgentRoutes agentRoutes = null;
        if (mode.api()) {
            LndEndpoint lnd = sim != null ? sim.readonly() : config.lnd().configured() ? endpoint(config.lnd()) : null;
            String invoiceMacaroon = sim != null ? sim.invoiceMacaroon().toString() : config.l402().invoiceMacaroonPath();
            com.satrank.ingest.services.OnDemandProbes probes = null;
            if (config.services().enabled()) {
                // fresh intents and POST /api/probe: the API probes on demand, through its own guard and budget
                String payMacaroon = sim != null ? sim.payMacaroon().toString() : config.probe().payMacaroonPath();
                org.jdbi.v3.core.Jdbi catalogue = jdbi;
                probes = com.satrank.ingest.services.OnDemandProbes.create(config.services(), logs, lnd, payMacaroon,
                        new com.satrank.lndclient.LndStatus(metrics), hash -> catalogue.withHandle(
                                h -> com.satrank.db.EndpointQueries.byHash(h, hash)), metrics, clock);
                manage(env, probes);
            }
            agentRoutes = new ApiProcess.AgentRoutes(config.apiKey(), config.l402(), lnd,
                    invoiceMacaroon.isBlank() ? null : Path.of(invoiceMacaroon), probes);
        }
        manage(env, ApiProcess.register(env, metrics, config.limits(), config.apiKey(), jdbi, expectedSchema, lndView,
                logs, clock, agentRoutes));
        if (mode.api()) {
            // MCP over streamable HTTP at /mcp: the tools call this API over loopback, with no credential of
            // ours (an MCP client pays its own way: paid tools answer their L402 challenge)
            int[] port = {0};
            env.lifecycle().addServerLifecycleListener(server -> port[0] = DemoBanner.applicationPort(server));
            var mcp = com.satrank.mcp.SatRankMcp.http(new com.satrank.mcp.ApiClient(() -> "http://127.0.0.1:" + port[0],
                    null, null), "/mcp");
            env.servlets().addServlet("mcp", mcp.servlet()).addMapping("/mcp");
            // MCP clients hold event streams open: end the sessions as Jetty starts stopping, or its graceful
            // stop waits for them until its timeout
            env.lifecycle().addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                @Override
                public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
                    mcp.close();
                }
            });
        }
        if (mode == ProcessMode.DEMO) {
            SimFiles simFiles = sim;
            env.lifecycle().addServerLifecycleListener(server -> DemoBanner.print(server, simFiles.readonly().port(),
                    simFiles.payMacaroon().getParent(), config.apiKey()));
        }
    }

    /** Where the embedded sim's credentials are. */
    private record SimFiles(LndEndpoint readonly, Path payMacaroon, Path invoiceMacaroon,
                            com.satrank.l402sim.L402SimServer economy) {
    }

    private static SimFiles startSim(SatRankConfiguration config, Environment env, Path dataDir, InstantSource clock) {
        var sim = config.sim();
        LndSimServer server = LndSimServer.start(new LndSimSettings("127.0.0.1", sim.port(),
                dataDir.resolve("lnd-sim"), sim.seed(), sim.nodes(), sim.channels(),
                sim.graphFile().isBlank() ? null : Path.of(sim.graphFile()), sim.keepGraphTimestamps())
                .withMerchants(sim.graphFile().isBlank() ? Math.min(sim.merchants(), sim.nodes()) : 0), clock);
        manage(env, server);
        com.satrank.l402sim.L402SimServer economy = null;
        if (sim.graphFile().isBlank() && sim.merchants() > 0 && sim.economyEndpoints() > 0) {
            // the economy bills through the sim's admin macaroon: it issues invoices as the merchant nodes
            economy = com.satrank.l402sim.L402SimServer.start(new com.satrank.l402sim.L402SimSettings("127.0.0.1",
                    sim.economyPort(), sim.economyHosts(), sim.economyEndpoints(), sim.seed(), 50),
                    new com.satrank.l402sim.MerchantClient(new LndEndpoint("127.0.0.1", server.port(),
                            server.tlsCertPath(), server.macaroonPath(SimMacaroons.ADMIN), config.lnd().deadline())),
                    clock);
            manage(env, economy); // closed before lnd-sim
        }
        return new SimFiles(new LndEndpoint("127.0.0.1", server.port(), server.tlsCertPath(),
                server.macaroonPath(SimMacaroons.READONLY), config.lnd().deadline()),
                server.macaroonPath(SimMacaroons.PAY), server.macaroonPath(SimMacaroons.INVOICE), economy);
    }

    private static LndEndpoint endpoint(LndConfig lnd) {
        if (!lnd.configured()) {
            throw new IllegalArgumentException("lnd.tlsCertPath and lnd.readonlyMacaroonPath must be set for ingest");
        }
        return new LndEndpoint(lnd.host(), lnd.port(), Path.of(lnd.tlsCertPath()),
                Path.of(lnd.readonlyMacaroonPath()), lnd.deadline());
    }

    /** A part that is already running: Dropwizard only closes it. */
    private static void manage(Environment env, AutoCloseable part) {
        env.lifecycle().manage(managed(() -> { }, part));
    }

    private static Managed managed(Runnable start, AutoCloseable stop) {
        return new Managed() {
            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() throws Exception {
                stop.close();
            }
        };
    }
}
