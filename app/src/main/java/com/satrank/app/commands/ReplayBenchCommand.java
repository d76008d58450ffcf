package com.satrank.app.commands;

import com.satrank.db.EmbeddedDatabase;
import com.satrank.db.Migrations;
import com.satrank.log.LogStream;
import com.satrank.app.bench.SyntheticLogs;
import com.satrank.pipeline.replay.Replay;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bench-replay --logs DIR}: writes a synthetic log of N days (graph snapshots at the default
 * crawl cadence, keyframes daily, probes spread over the days) under DIR unless one is already there,
 * then times the operator's {@code replay} of it into fresh tables on an embedded Postgres.
 */
public class ReplayBenchCommand extends Command {
    public ReplayBenchCommand() {
        super("bench-replay", "Write a synthetic N-day log (or reuse one) and time a full replay of it");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--logs").required(true).help("directory of the synthetic logs (reused if present)");
        subparser.addArgument("--days").type(Integer.class).setDefault(30);
        subparser.addArgument("--probes-per-day").type(Long.class).setDefault(1_000_000L);
        subparser.addArgument("--nodes").type(Integer.class).setDefault(15_000);
        subparser.addArgument("--channels").type(Integer.class).setDefault(50_000);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        Path logs = Path.of(ns.getString("logs"));
        if (!Files.isDirectory(logs.resolve(LogStream.PROBES.dirName()))) {
            var shape = new SyntheticLogs.Shape(Instant.parse("2026-01-01T00:00:00Z"), ns.getInt("days"),
                    ns.getLong("probes_per_day"), ns.getInt("nodes"), ns.getInt("channels"), Duration.ofMinutes(15),
                    Duration.ofHours(24), 30);
            long start = System.nanoTime();
            long[] shown = {0};
            var written = SyntheticLogs.write(logs, shape, n -> {
                if (n - shown[0] >= 1_000_000) {
                    shown[0] = n;
                    System.err.printf(Locale.ROOT, "\rwriting: %,d events", n);
                }
            });
            System.err.println();
            System.out.printf(Locale.ROOT, "wrote %d snapshots (%,d graph events) and %,d probe events in %.0f s%n",
                    written.snapshots(), written.graphEvents(), written.probeEvents(), (System.nanoTime() - start) / 1e9);
        }
        System.out.printf(Locale.ROOT, "logs on disk: %.0f MB; java %s, %d cores, max heap %d MB%n",
                BenchCommand.diskUsage(logs) / 1e6, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Path pg = Files.createTempDirectory("satrank-bench-replay-pg");
        try (var db = EmbeddedDatabase.start(pg)) {
            Migrations.migrate(db.jdbcUrl(), db.user(), "");
            Replay replay = new Replay(db.jdbcUrl(), db.user(), "", logs);
            long[] shown = {0};
            Replay.Diff diff = replay.rebuild(null, p -> {
                if (p[0] - shown[0] >= 1_000_000) {
                    shown[0] = p[0];
                    System.err.printf(Locale.ROOT, "\rreplay: %,d / %,d events", p[0], p[1]);
                }
            });
            System.err.println();
            System.out.printf(Locale.ROOT, "replay: %,d events into fresh tables in %.1f s (%.0f events/s)%n",
                    diff.events(), diff.seconds(), diff.events() / diff.seconds());
            System.out.printf(Locale.ROOT, "  of which %d scoring passes written: %.1f s, %.1f s of it writing to"
                            + " Postgres (%d skipped as superseded); reading and folding the events: %.1f s%n",
                    diff.passes().written(), diff.passes().seconds(), diff.passes().writeSeconds(),
                    diff.passes().skipped(), diff.seconds() - diff.passes().seconds());
            System.out.printf(Locale.ROOT, "  peak heap (sum of pool peaks): %d MB%n", peakHeapMb());
            diff.differingRows().forEach((t, n) -> System.out.printf(Locale.ROOT, "  %-20s %,d rows%n", t, n));
            replay.discard();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap the replay needed at once. */
    private static long peakHeapMb() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
