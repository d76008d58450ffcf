package com.satrank.app.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.satrank.app.calibration.CalibrationMetrics;
import com.satrank.app.calibration.CalibrationRun;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code calibrate}: how well p_success, ci95 and the verdicts match a simulated network's hidden
 * truth, per horizon and amount (see {@link CalibrationRun}). Text for operators (a table and each
 * reliability diagram), or {@code --json}: one object per (hours, amountSats) line. Works in a
 * temporary directory it removes afterwards.
 */
public class CalibrateCommand extends Command {
    /** Counted down once the run has unwound and its work directory is gone; the stop hook waits for it. */
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    public CalibrateCommand() {
        super("calibrate", "Measure p_success against lnd-sim's hidden truth per horizon and amount");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--seed").type(Long.class).setDefault(7L).help("the simulated network's seed");
        subparser.addArgument("--nodes").type(Integer.class).setDefault(2000);
        subparser.addArgument("--channels").type(Integer.class).setDefault(6000);
        subparser.addArgument("--hours").setDefault("1,8,40").help("horizons in probe rounds (hours), comma list");
        subparser.addArgument("--amounts").setDefault("1000,100000,1000000").help("amounts in sat, comma list");
        subparser.addArgument("--json").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                .help("one JSON object per (hours, amountSats) line");
        subparser.addArgument("--csv").help("also write every node's answer and truth to this CSV file");
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        boolean json = Boolean.TRUE.equals(ns.getBoolean("json"));
        Path work = Files.createTempDirectory("satrank-calibrate");
        PrintStream out = System.out;
        ObjectMapper mapper = new ObjectMapper();
        Thread stopper = stopOnSignal(Thread.currentThread());
        try {
            var settings = new CalibrationRun.Settings(ns.getLong("seed"), ns.getInt("nodes"), ns.getInt("channels"),
                    list(ns.getString("hours"), "--hours", Integer::parseInt),
                    list(ns.getString("amounts"), "--amounts", Long::parseLong), work,
                    ns.getString("csv") == null ? null : Path.of(ns.getString("csv")));
            long started = System.nanoTime();
            List<CalibrationRun.Row> rows = CalibrationRun.run(settings,
                    row -> out.println(json ? json(mapper, row) : text(row)),
                    line -> System.err.print("\r" + line));
            System.err.println();
            if (!json) {
                out.println();
                out.printf(Locale.ROOT, "seed %d, %d nodes, %d channels; %.0f s%n", settings.seed(), settings.nodes(),
                        settings.channels(), (System.nanoTime() - started) / 1e9);
                out.println(" hours  amount_sat  nodes    ECE  ci95_cov  SAFE_prec  SAFE  RISKY_prec  RISKY  SAFE@0");
                for (CalibrationRun.Row r : rows) {
                    var m = r.result();
                    out.printf(Locale.ROOT, "%6d %11d %6d %6.3f %9.3f %10s %5d %11s %6d %7d%n", r.hours(),
                            r.amountSats(), m.nodes(), m.ece(), m.ci95Coverage(), pct(m.safePrecision()), m.safeCount(),
                            pct(m.riskyPrecision()), m.riskyCount(), m.safeWithZeroTruth());
                }
            }
        } finally {
            delete(work);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for exactly this
            }
        }
    }

    /**
     * On SIGTERM (or Ctrl-C) the run is interrupted and given time to unwind: its try-with-resources
     * stops the sim and the embedded Postgres, and the work directory is deleted. Without it the JVM
     * waited a minute for the database's own hook and left the directory behind.
     */
    private Thread stopOnSignal(Thread running) {
        Thread stopper = new Thread(() -> {
            running.interrupt();
            try {
                stopped.await(45, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "calibrate-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        return stopper;
    }

    static <T> List<T> list(String raw, String flag, Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String part : raw.split(",")) {
            try {
                values.add(parse.apply(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " takes a comma list of whole numbers, got '" + raw + "'");
            }
        }
        return values;
    }

    static String json(ObjectMapper mapper, CalibrationRun.Row row) {
        var m = row.result();
        ObjectNode o = mapper.createObjectNode();
        o.put("hours", row.hours());
        o.put("amountSats", row.amountSats());
        o.put("nodes", m.nodes());
        o.put("ece", m.ece());
        o.put("ci95Coverage", m.ci95Coverage());
        if (m.safePrecision() == null) {
            o.putNull("safePrecision");
        } else {
            o.put("safePrecision", m.safePrecision());
        }
        o.put("safeCount", m.safeCount());
        if (m.riskyPrecision() == null) {
            o.putNull("riskyPrecision");
        } else {
            o.put("riskyPrecision", m.riskyPrecision());
        }
        o.put("riskyCount", m.riskyCount());
        o.put("safeWithZeroTruth", m.safeWithZeroTruth());
        var diagram = o.putArray("reliabilityDiagram");
        for (CalibrationMetrics.Bin b : m.diagram()) {
            ObjectNode bin = diagram.addObject();
            bin.put("from", b.from());
            bin.put("to", b.to());
            bin.put("count", b.count());
            if (b.count() > 0) {
                bin.put("meanP", b.meanP());
                bin.put("meanTruth", b.meanTruth());
            }
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(CalibrationRun.Row row) {
        var m = row.result();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "after %d h, %d sat: %d nodes, ECE %.3f, ci95 coverage %.1f %%, SAFE %d (%s truly ≥ 0.8), "
                        + "RISKY %d (%s truly ≤ 0.5), SAFE with truth 0: %d%n  reliability diagram (p bin: count, mean p → mean truth)%n",
                row.hours(), row.amountSats(), m.nodes(), m.ece(), 100 * m.ci95Coverage(), m.safeCount(),
                pct(m.safePrecision()), m.riskyCount(), pct(m.riskyPrecision()), m.safeWithZeroTruth()));
        for (CalibrationMetrics.Bin b : m.diagram()) {
            if (b.count() > 0) {
                s.append(String.format(Locale.ROOT, "    [%.1f, %.1f): %5d  %.3f → %.3f%n", b.from(), b.to(), b.count(),
                        b.meanP(), b.meanTruth()));
            }
        }
        return s.toString().stripTrailing();
    }

    private static String pct(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
