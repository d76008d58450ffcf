package com.satrank.app.commands;

import com.satrank.db.Migrations;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.db.Database;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate [config.yml]}: applies pending Flyway migrations and exits. */
public class DbCommand extends ConfiguredCommand<SatRankConfiguration> {
    public DbCommand() {
        super("db", "Database tasks: 'db migrate' applies pending migrations");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("what to do");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<SatRankConfiguration> bootstrap, Namespace namespace,
                       SatRankConfiguration configuration) {
        try (Database db = Database.open(configuration.database(), java.nio.file.Path.of(configuration.dataDir()))) {
            Migrations.Outcome outcome = Migrations.migrate(db.url(), db.user(), db.password());
            System.out.println("applied " + outcome.applied() + " migration(s); schema at version "
                    + outcome.expectedVersion());
        }
    }
}
