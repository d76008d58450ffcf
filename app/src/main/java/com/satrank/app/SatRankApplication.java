package com.satrank.app;

import com.satrank.app.commands.BenchCommand;
import com.satrank.app.commands.DbCommand;
import com.satrank.app.commands.LndSimCommand;
import com.satrank.app.commands.ModeCommand;
import com.satrank.app.config.ProcessMode;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.app.runtime.Processes;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/**
 * The one deployable jar. Commands: {@code server} (the API), {@code ingest}, {@code pipeline},
 * {@code demo} (all of them plus lnd-sim and embedded Postgres in one JVM), {@code lnd-sim},
 * {@code db migrate}. This is the composition root: the only place that reads the wall clock.
 */
public class SatRankApplication extends Application<SatRankConfiguration> {
    private final Clock clock;

    public SatRankApplication() {
        this(Clock.systemUTC());
    }

    public SatRankApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        new SatRankApplication().run(args);
    }

    @Override
    public String getName() {
        return "satrank";
    }

    @Override
    public void initialize(Bootstrap<SatRankConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new ModeCommand(this, "ingest", "Crawl LND's graph into the graph log",
                ProcessMode.INGEST));
        bootstrap.addCommand(new ModeCommand(this, "pipeline", "Fold the logs into the score tables",
                ProcessMode.PIPELINE));
        bootstrap.addCommand(new ModeCommand(this, "demo",
                "Everything in one JVM: lnd-sim, embedded Postgres, ingest, pipeline and the API", ProcessMode.DEMO));
        bootstrap.addCommand(new ModeCommand(this, "publisher", "Publish trust assertions from the tables to Nostr relays",
                ProcessMode.PUBLISHER));
        bootstrap.addCommand(new LndSimCommand());
        bootstrap.addCommand(new com.satrank.app.commands.L402SimCommand());
        bootstrap.addCommand(new com.satrank.app.commands.NostrEventsCommand());
        bootstrap.addCommand(new com.satrank.app.commands.McpCommand());
        bootstrap.addCommand(new DbCommand());
        bootstrap.addCommand(new BenchCommand());
        bootstrap.addCommand(new com.satrank.app.commands.ExportCommand());
        bootstrap.addCommand(new com.satrank.app.commands.QueueInfoCommand());
        bootstrap.addCommand(new com.satrank.app.commands.ReplayCommand());
        bootstrap.addCommand(new com.satrank.app.commands.CalibrateCommand());
        bootstrap.addCommand(new com.satrank.app.commands.ReplayBenchCommand());
        bootstrap.addCommand(new com.satrank.app.commands.ArchiveCommand(java.time.Clock.systemUTC()));
    }

    @Override
    public void run(SatRankConfiguration configuration, Environment environment) {
        Processes.wire(configuration, environment, clock);
    }
}
