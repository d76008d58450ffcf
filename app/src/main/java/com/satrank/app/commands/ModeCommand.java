package com.satrank.app.commands;

import com.satrank.app.config.ProcessMode;
import com.satrank.app.config.SatRankConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * A Dropwizard server command that runs one {@link ProcessMode}: {@code ingest}, {@code pipeline},
 * {@code demo}. Every mode keeps the HTTP port for health and /metrics.
 */
public class ModeCommand extends ServerCommand<SatRankConfiguration> {
    private final ProcessMode mode;

    public ModeCommand(Application<SatRankConfiguration> app, String name, String description, ProcessMode mode) {
        super(app, name, description);
        this.mode = mode;
    }

    @Override
    protected void run(Bootstrap<SatRankConfiguration> bootstrap, Namespace namespace,
                       SatRankConfiguration configuration) throws Exception {
        configuration.setMode(mode);
        if (mode == ProcessMode.DEMO && namespace.getString("file") == null) {
            // Without a config file the demo crawls every minute so a newcomer sees the graph move.
            configuration.ingest().overrideCrawlInterval(java.time.Duration.ofMinutes(1));
            if (configuration.apiKey().isEmpty()) {
                configuration.useDemoApiKey();
            }
        }
        super.run(bootstrap, namespace, configuration);
    }
}
