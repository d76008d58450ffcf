package com.satrank.app.commands;

import com.satrank.app.export.EventRecord;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code queue-info [--data-dir DIR]}: per log, the first and last index and event time, events by
 * type, bytes on disk and the daily roll-cycle files. Read-only: it reads every event once.
 */
public class QueueInfoCommand extends Command {
    public QueueInfoCommand() {
        super("queue-info", "Inventory of each log: indexes, event times, events by type, bytes, roll cycles");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--data-dir").setDefault("data").help("where the logs are (dataDir)");
    }

    /** What one log holds. */
    record Inventory(LogStream stream, long events, Long firstIndex, Long lastIndex, Instant firstTime,
                     Instant lastTime, Map<String, Long> byType, long bytesOnDisk, List<String> cycles) {
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        PrintStream out = System.out;
        Path dir = Path.of(ns.getString("data_dir"));
        for (LogStream stream : LogStream.values()) {
            if (Files.isDirectory(dir.resolve(stream.dirName()))) {
                print(out, inventory(dir, stream));
            } else {
                out.printf("%-8s no log under %s%n", stream.dirName(), dir.toAbsolutePath());
            }
        }
    }

    static Inventory inventory(Path dir, LogStream stream) throws IOException {
        Map<String, Long> byType = new TreeMap<>();
        long events = 0;
        Long first = null;
        Long last = null;
        Instant firstTime = null;
        Instant lastTime = null;
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, stream, Clock.systemUTC());
             ChronicleEventLog.Tailer tailer = log.tailer().seekAfter(LogPosition.BEFORE_START)) {
            Optional<LoggedEvent> next;
            while ((next = tailer.next()).isPresent()) {
                LoggedEvent e = next.get();
                events++;
                byType.merge(EventRecord.type(e.event()), 1L, Long::sum);
                Instant t = Instant.ofEpochMilli(e.event().getEventTimeMs());
                if (first == null) {
                    first = e.position().index();
                    firstTime = t;
                }
                last = e.position().index();
                lastTime = t;
            }
        }
        long bytes;
        List<String> cycles;
        try (Stream<Path> files = Files.list(dir.resolve(stream.dirName()))) {
            List<Path> all = files.sorted().toList();
            bytes = 0;
            for (Path f : all) {
                bytes += Files.size(f);
            }
            cycles = all.stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).toList();
        }
        return new Inventory(stream, events, first, last, firstTime, lastTime, byType, bytes, cycles);
    }

    private static void print(PrintStream out, Inventory i) {
        out.printf("%-8s %d events, index %s..%s, event time %s..%s, %.1f MB on disk (sparse files), %d roll cycle(s) %s%n",
                i.stream().dirName(), i.events(), i.firstIndex(), i.lastIndex(), i.firstTime(), i.lastTime(),
                i.bytesOnDisk() / 1e6, i.cycles().size(), i.cycles());
        i.byType().forEach((type, n) -> out.printf("%-8s   %-24s %d%n", "", type, n));
    }
}
