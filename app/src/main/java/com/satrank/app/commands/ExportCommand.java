package com.satrank.app.commands;

import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphChannelsRemoved;
import com.satrank.events.v1.GraphChannelsUpserted;
import com.satrank.events.v1.GraphNodesRemoved;
import com.satrank.events.v1.GraphNodesUpserted;
import com.satrank.events.v1.GraphSnapshotCompleted;
import com.satrank.events.v1.GraphSnapshotStarted;
import com.satrank.events.v1.NodeQueried;
import com.satrank.events.v1.PaymentReported;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.app.export.EventWriter;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code export <stream> [--from T] [--to T] [--format jsonl|csv] [--out FILE] [--data-dir DIR]}:
 * one log, events with from ≤ event time < to, as self-describing JSON lines or CSV, to a file or
 * stdout. Only data goes to stdout; messages and the progress bar (on a terminal) go to stderr.
 */
public class ExportCommand extends Command {
    public ExportCommand() {
        super("export", "Export a log (graph, probes, reports, queries) as JSON lines or CSV");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("stream").choices("graph", "probes", "reports", "queries").help("which log");
        subparser.addArgument("--data-dir").setDefault("data").help("where the logs are (dataDir)");
        subparser.addArgument("--from").help("first event time, ISO-8601 (e.g. 2026-11-01T00:00:00Z), inclusive");
        subparser.addArgument("--to").help("last event time, ISO-8601, exclusive");
        subparser.addArgument("--format").choices("jsonl", "csv").setDefault("jsonl");
        subparser.addArgument("--out").help("file to write (default: stdout)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        PrintStream data = System.out;
        System.setOut(System.err); // libraries that print must not mix into the exported data
        LogStream stream = LogStream.valueOf(ns.getString("stream").toUpperCase(Locale.ROOT));
        long from = instant(ns.getString("from"), "--from").map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        long to = instant(ns.getString("to"), "--to").map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        Path dir = Path.of(ns.getString("data_dir"));
        if (!Files.isDirectory(dir.resolve(stream.dirName()))) {
            throw new IllegalArgumentException("no " + stream.dirName() + " log under " + dir.toAbsolutePath());
        }
        String out = ns.getString("out");
        long written = 0;
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, stream, Clock.systemUTC());
             ChronicleEventLog.Tailer tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
             Writer writer = new BufferedWriter(new OutputStreamWriter(
                     out == null ? data : Files.newOutputStream(Path.of(out)), StandardCharsets.UTF_8), 1 << 16);
             EventWriter events = "csv".equals(ns.getString("format")) ? EventWriter.csv(writer, examples(stream))
                     : EventWriter.jsonl(writer);
             ProgressBar progress = System.console() == null ? null : new ProgressBarBuilder()
                     .setTaskName("export " + stream.dirName()).setInitialMax(log.eventsAfter(LogPosition.BEFORE_START))
                     .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                             System.err)).showSpeed().build()) {
            Optional<LoggedEvent> next;
            while ((next = tailer.next()).isPresent()) {
                long t = next.get().event().getEventTimeMs();
                if (t >= from && t < to) {
                    events.write(next.get());
                    written++;
                }
                if (progress != null) {
                    progress.step();
                }
            }
        }
        System.err.printf("exported %d %s events%s%n", written, stream.dirName(), out == null ? "" : " to " + out);
    }

    private static Optional<Instant> instant(String value, String option) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    /** One event of each payload type the stream holds, for the CSV columns. */
    static List<Event> examples(LogStream stream) {
        return switch (stream) {
            case GRAPH -> List.of(
                    Event.newBuilder().setGraphSnapshotStarted(GraphSnapshotStarted.getDefaultInstance()).build(),
                    Event.newBuilder().setGraphNodesUpserted(GraphNodesUpserted.getDefaultInstance()).build(),
                    Event.newBuilder().setGraphNodesRemoved(GraphNodesRemoved.getDefaultInstance()).build(),
                    Event.newBuilder().setGraphChannelsUpserted(GraphChannelsUpserted.getDefaultInstance()).build(),
                    Event.newBuilder().setGraphChannelsRemoved(GraphChannelsRemoved.getDefaultInstance()).build(),
                    Event.newBuilder().setGraphSnapshotCompleted(GraphSnapshotCompleted.getDefaultInstance()).build());
            case PROBES -> List.of(Event.newBuilder().setProbeCompleted(ProbeCompleted.getDefaultInstance()).build());
            case REPORTS -> List.of(Event.newBuilder().setPaymentReported(PaymentReported.getDefaultInstance()).build());
            case QUERIES -> List.of(Event.newBuilder().setNodeQueried(NodeQueried.getDefaultInstance()).build(),
                    Event.newBuilder().setEndpointQueried(com.satrank.events.v1.EndpointQueried.getDefaultInstance()).build());
            case SERVICES -> List.of(
                    Event.newBuilder().setServiceListed(com.satrank.events.v1.ServiceListed.getDefaultInstance()).build(),
                    Event.newBuilder().setServiceDiscovered(com.satrank.events.v1.ServiceDiscovered.getDefaultInstance()).build(),
                    Event.newBuilder().setServiceDelisted(com.satrank.events.v1.ServiceDelisted.getDefaultInstance()).build());
            case ENDPOINTS -> List.of(
                    Event.newBuilder().setEndpointProbed(com.satrank.events.v1.EndpointProbed.getDefaultInstance()).build(),
                    Event.newBuilder().setEndpointPaymentSpent(com.satrank.events.v1.EndpointPaymentSpent.getDefaultInstance()).build());
        };
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        OperatorErrors.report(cli, e);
    }
}
