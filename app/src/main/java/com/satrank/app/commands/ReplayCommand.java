package com.satrank.app.commands;

import com.satrank.db.Migrations;
import com.satrank.model.ScoringParams;
import com.satrank.app.config.SatRankConfiguration;
import com.satrank.pipeline.replay.Replay;
import com.satrank.db.Database;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code replay [config.yml] [--dry-run] [--as-of T]}: recompute every score table from the logs (up
 * to event time T) into a fresh schema, print how it differs from the live tables, then swap it in
 * atomically (refused while a pipeline runs); a progress bar with rate and ETA on a terminal. With {@code --dry-run} nothing is swapped and the fresh schema is dropped. Ctrl-C
 * or a failure drops the fresh schema and leaves the live tables untouched.
 */
public class ReplayCommand extends ConfiguredCommand<SatRankConfiguration> {
    public ReplayCommand() {
        super("replay", "Recompute the score tables from the logs into a fresh schema, compare, and swap them in");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--dry-run").action(Arguments.storeTrue()).help("compare only; change nothing");
        subparser.addArgument("--as-of").help("only events up to this ISO-8601 instant (tables as they were then)");
        subparser.addArgument("--prior").type(Double.class)
                .help("Beta prior pseudo-count of the per-source posteriors to try instead of the config's"
                        + " scoring.prior (with --dry-run); p_success has its own empirical-Bayes prior");
        subparser.addArgument("--time-constant-days").type(Integer.class)
                .help("decay time constant to try instead of the config's scoring.timeConstantDays (with --dry-run)");
    }

    @Override
    protected void run(Bootstrap<SatRankConfiguration> bootstrap, Namespace ns, SatRankConfiguration config) {
        // arguments first: a bad one is refused in one line before any database starts
        java.time.Instant asOf = asOf(ns.getString("as_of"));
        ScoringParams configured = config.scoring().params();
        ScoringParams scoring = new ScoringParams(
                ns.getDouble("prior") == null ? configured.prior() : ns.getDouble("prior"),
                ns.getInt("time_constant_days") == null ? configured.timeConstant()
                        : java.time.Duration.ofDays(ns.getInt("time_constant_days")));
        if (!scoring.equals(configured) && !ns.getBoolean("dry_run")) {
            // The pipeline would carry on with the config's parameters and mix the two.
            throw new IllegalArgumentException("--prior and --time-constant-days only try parameters out (with"
                    + " --dry-run); to adopt them, set scoring.prior / scoring.timeConstantDays in the config,"
                    + " restart the pipeline with it and replay with that config");
        }
        try (Database db = Database.open(config.database(), java.nio.file.Path.of(config.dataDir()))) {
            Migrations.migrate(db.url(), db.user(), db.password());
            Replay replay = new Replay(db.url(), db.user(), db.password(), Path.of(config.dataDir()));
            AtomicBoolean done = new AtomicBoolean();
            Thread onInterrupt = new Thread(() -> {
                if (!done.get()) {
                    replay.discard();
                    System.err.println("replay interrupted: the fresh schema was dropped, the live tables are unchanged");
                }
            });
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            System.err.println("replaying the logs under " + config.dataDir() + " into schema " + Replay.SCHEMA + " …");
            System.err.printf(Locale.ROOT, "scoring: per-source prior %s, time constant %d days%n", scoring.prior(),
                    scoring.timeConstantDays());
            Replay.Diff diff;
            try (me.tongfei.progressbar.ProgressBar bar = System.console() == null ? null
                    : new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("replay")
                            .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).showSpeed()
                            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
                diff = replay.rebuild(asOf, scoring, p -> {
                    if (bar != null) {
                        bar.maxHint(p[1]);
                        bar.stepTo(p[0]);
                    }
                });
            }
            print(diff);
            if (ns.getBoolean("dry_run")) {
                replay.discard();
                System.out.println("dry run: nothing swapped, the fresh schema was dropped");
            } else {
                replay.swap();
                System.out.println("swapped: the score tables are now the replay's");
            }
            done.set(true);
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
    }

    private static java.time.Instant asOf(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, got "
                    + raw);
        }
    }

    private static void print(Replay.Diff d) {
        System.out.printf(Locale.ROOT, "replayed %d events in %.1f s (%.0f events/s)%n", d.events(), d.seconds(),
                d.events() / Math.max(d.seconds(), 1e-9));
        System.out.printf(Locale.ROOT, "  scoring passes: %d written (%.1f s), %d skipped as rewritten by a later one%n",
                d.passes().written(), d.passes().seconds(), d.passes().skipped());
        d.differingRows().forEach((table, rows) -> System.out.printf(Locale.ROOT, "  %-20s %d row(s) differ%n", table, rows));
        System.out.printf(Locale.ROOT, "  verdict changes: %d; |Δ p_success| p50 %.4f, p90 %.4f, p99 %.4f, max %.4f%n",
                d.verdictChanges(), d.deltaPPercentiles()[0], d.deltaPPercentiles()[1], d.deltaPPercentiles()[2],
                d.deltaPPercentiles()[3]);
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }
}
