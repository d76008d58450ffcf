package com.satrank.app.commands;

import com.satrank.db.Migrations;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogArchive;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.db.Database;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import com.satrank.serving.db.NodeQueries;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code archive [config.yml] --before YYYY-MM-DD [--to DIR] [--dry-run]}: moves daily roll-cycle
 * files older than the cutoff out of the data directory, never a day the pipeline has not fully
 * checkpointed (see {@link LogArchive}). The cutoff may not be later than ten scoring time
 * constants ago: the pipeline re-reads the logs on restart and its evidence reaches that far back.
 */
public class ArchiveCommand extends ConfiguredCommand<SatRankConfiguration> {
    private final Clock clock;

    public ArchiveCommand(Clock clock) {
        super("archive", "Move old daily log files the pipeline has checkpointed out of the data directory");
        this.clock = clock;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--before").required(true).help("archive days strictly before this date (UTC)");
        subparser.addArgument("--to").help("archive directory (default: <dataDir>/archive)");
        subparser.addArgument("--dry-run").action(Arguments.storeTrue()).help("list what would move; move nothing");
    }

    @Override
    protected void run(Bootstrap<SatRankConfiguration> bootstrap, Namespace ns, SatRankConfiguration config) {
        LocalDate before = parseDay(ns.getString("before"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long horizonDays = config.scoring().params().evidenceHorizonMs() / 86_400_000L;
        LocalDate latest = today.minusDays(horizonDays);
        if (before.isAfter(latest)) {
            throw new IllegalArgumentException("--before " + before + " is too recent: scores use evidence up to "
                    + horizonDays + " days old and the pipeline re-reads the logs when it restarts, so nothing after "
                    + latest + " may be archived");
        }
        Path dataDir = Path.of(config.dataDir());
        Path archiveDir = ns.getString("to") == null ? dataDir.resolve("archive") : Path.of(ns.getString("to"));
        Map<LogStream, LocalDate> checkpointDays = new EnumMap<>(LogStream.class);
        try (Database db = Database.open(config.database(), java.nio.file.Path.of(config.dataDir()))) {
            Migrations.migrate(db.url(), db.user(), db.password());
            var checkpoints = Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin())
                    .withExtension(NodeQueries.class, NodeQueries::checkpoints);
            for (var checkpoint : checkpoints) {
                LogStream stream = LogStream.valueOf(checkpoint.stream().toUpperCase(java.util.Locale.ROOT));
                if (checkpoint.logIndex() >= 0) {
                    try (ChronicleEventLog log = ChronicleEventLog.open(dataDir, stream, clock)) {
                        checkpointDays.put(stream, LocalDate.ofEpochDay(log.cycleOf(new LogPosition(checkpoint.logIndex()))));
                    }
                }
            }
        }
        // The node prober reads the last hour of lookups and the endpoint prober's tiers the last 24 h
        // (warm = asked within a day): keep yesterday's file too. Nothing else reads them.
        checkpointDays.put(LogStream.QUERIES, today.minusDays(1));
        LogArchive.Plan plan = LogArchive.plan(dataDir, checkpointDays, before);
        plan.moves().forEach(m -> System.out.printf("%s %-8s %s%n", ns.getBoolean("dry_run") ? "would move" : "moving",
                m.stream().dirName(), m.file().getFileName()));
        plan.kept().forEach(k -> System.out.printf("%-8s %s%n", k.stream().dirName(), k.reason()));
        if (ns.getBoolean("dry_run")) {
            System.out.printf("dry run: %d file(s) would move to %s%n", plan.moves().size(), archiveDir);
            return;
        }
        LogArchive.apply(plan, archiveDir);
        System.out.printf("moved %d file(s) to %s; to replay from the very start, move them back first%n",
                plan.moves().size(), archiveDir);
    }

    private static LocalDate parseDay(String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--before must be a date like 2026-01-31, got " + value);
        }
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }
}
