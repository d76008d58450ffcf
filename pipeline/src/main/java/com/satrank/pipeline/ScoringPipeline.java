package com.satrank.pipeline;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventReader;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import com.satrank.log.ReadAheadReader;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.store.ScoreStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's runner: reads the graph, probes and reports logs merged in event-time order
 * ({@link MergedTailer}), folds each event into {@link ScoringFold}, asks {@link PassPlanner}
 * which passes run and has {@link PassWriter} write them with every stream's position in one
 * transaction. On start it re-folds the logs from index 0 to rebuild memory (first sightings,
 * evidence) but writes no pass at or before the last one written, so a restart after kill -9
 * neither loses nor repeats work. A write that fails (Postgres down) stops the drain with the state
 * at that pass and is retried first thing on the next drain; the event that triggered it is only
 * consumed once the pass is written.
 */
public final class ScoringPipeline {
    /** Longer than any append takes after its writer read the clock. */
    public static final Duration LIVE_HOLD_BACK = Duration.ofSeconds(2);
    /** Scores are refreshed at least this often in event time. */
    public static final long CADENCE_MS = PassPlanner.CADENCE_MS;
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");
    /**
     * A replay only trusts a later event to be reached if it is this much older than the release
     * limit: appends within a stream are out of event-time order by at most the live hold-back.
     */
    private static final long WITNESS_MARGIN_MS = 60_000;
    /** How far back from a log's end a replay looks for its last released event. */
    private static final long WITNESS_SCAN = 5_000_000;

    private final Map<LogStream, ChronicleEventLog> logs = new EnumMap<>(LogStream.class);
    private final ScoreStore store;
    private final InstantSource clock;
    private final Duration holdBack;
    private final boolean skipSuperseded;
    private final ScoringFold fold = new ScoringFold();
    private final Map<LogStream, LogPosition> positions = new EnumMap<>(LogStream.class);
    private final Map<LogStream, LoggedEvent> witnesses = new EnumMap<>(LogStream.class);
    private final List<ReadAheadReader> readers = new ArrayList<>();
    private ScoringParams params = ScoringParams.DEFAULT;
    // volatile: metrics read the counts behind them from another thread while a drain runs
    private volatile PassPlanner planner;
    private volatile PassWriter writer;
    private java.util.function.DoubleConsumer passTimes = seconds -> { };
    private final java.util.concurrent.atomic.AtomicLongArray readIndex = initialReadIndex();
    private MergedTailer tailer;
    private PassPlanner.Pass unwritten;
    private boolean readAhead;
    /** Read outside the drain's lock, for progress displays. */
    private volatile long eventsRead;

    private ScoringPipeline(ChronicleEventLog graphLog, ChronicleEventLog probesLog, ChronicleEventLog reportsLog,
                            ScoreStore store, InstantSource clock, Duration holdBack, boolean skipSuperseded) {
        logs.put(LogStream.GRAPH, graphLog);
        logs.put(LogStream.PROBES, probesLog);
        if (reportsLog != null) {
            logs.put(LogStream.REPORTS, reportsLog);
        }
        this.store = store;
        this.clock = clock;
        this.holdBack = holdBack;
        this.skipSuperseded = skipSuperseded;
    }

    /**
     * Live: events are released {@code holdBack} after their event time by {@code clock} (see
     * MergedTailer); {@code reportsLog} may be null.
     */
    public static ScoringPipeline live(ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                       ChronicleEventLog reportsLog, ScoreStore store, InstantSource clock,
                                       Duration holdBack) {
        return new ScoringPipeline(graphLog, probesLog, reportsLog, store, clock, holdBack, false);
    }

    /** Complete logs read to their end, every pass written as a live run writes it. */
    public static ScoringPipeline everyPass(ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                            ChronicleEventLog reportsLog, ScoreStore store) {
        return new ScoringPipeline(graphLog, probesLog, reportsLog, store, () -> FAR_FUTURE, Duration.ZERO, false);
    }

    /** Replay of complete logs: nothing is held back and superseded passes are skipped. */
    public static ScoringPipeline replay(ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                         ChronicleEventLog reportsLog, ScoreStore store) {
        return replayAsOf(graphLog, probesLog, reportsLog, store, FAR_FUTURE);
    }

    /** Replay of complete logs as of event time {@code asOf}: later events are never read. */
    public static ScoringPipeline replayAsOf(ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                             ChronicleEventLog reportsLog, ScoreStore store, Instant asOf) {
        return new ScoringPipeline(graphLog, probesLog, reportsLog, store, () -> asOf, Duration.ZERO, true);
    }

    /**
     * Decodes each log on a thread of its own ahead of the fold; for a single drain of logs read to
     * their end (the operator's replay), since the read-ahead does not see events appended after it
     * caught up. Only before the first drain.
     */
    public synchronized ScoringPipeline readingAhead() {
        requireNotStarted("read-ahead is chosen before the pipeline reads the logs");
        readAhead = true;
        return this;
    }

    /**
     * Also folds the services and endpoints logs into the service tables; only before the first
     * drain. Either log may be null (a process or test without service discovery).
     */
    public synchronized ScoringPipeline withServices(ChronicleEventLog servicesLog, ChronicleEventLog endpointsLog) {
        requireNotStarted("the logs read are fixed once the pipeline has read them");
        if (servicesLog != null) {
            logs.put(LogStream.SERVICES, servicesLog);
        }
        if (endpointsLog != null) {
            logs.put(LogStream.ENDPOINTS, endpointsLog);
        }
        return this;
    }

    /** Each written pass's wall time, in seconds, to {@code listener} (metrics). */
    public synchronized ScoringPipeline timingPasses(java.util.function.DoubleConsumer listener) {
        this.passTimes = listener;
        if (writer != null) {
            writer.timingPasses(listener);
        }
        return this;
    }

    /** Scores with {@code scoring} instead of the defaults; only before the first drain. */
    public synchronized ScoringPipeline scoring(ScoringParams scoring) {
        requireNotStarted("scoring parameters are fixed once the pipeline has read the logs");
        this.params = scoring;
        return this;
    }

    private void requireNotStarted(String message) {
        if (tailer != null) {
            throw new IllegalStateException(message);
        }
    }

    /** Stops read-ahead threads, if any. */
    public synchronized void closeReaders() {
        readers.forEach(ReadAheadReader::close);
        readers.clear();
    }

    /** Reads what the logs hold now; returns the number of passes written to the store. */
    public int drain() {
        return drain(() -> false);
    }

    /**
     * Reads what the logs hold now, or until {@code stop} says so: it is asked between events,
     * where everything read is folded and every pass due is committed, so a stopped drain leaves
     * the tables at a checkpoint and the next run resumes after it. Returns the passes written.
     */
    public synchronized int drain(java.util.function.BooleanSupplier stop) {
        if (tailer == null) {
            open();
        }
        if (skipSuperseded) {
            findWitnesses();
        }
        int wrote = 0;
        if (unwritten != null) {
            write(unwritten);
            wrote++;
        }
        Optional<MergedTailer.Next> next;
        while (!stop.getAsBoolean() && (next = tailer.peek()).isPresent()) {
            LoggedEvent logged = next.get().logged();
            long eventTimeMs = logged.event().getEventTimeMs();
            long boundary = planner.cadencePassBefore(eventTimeMs, fold.hasGraph());
            if (boundary != Long.MIN_VALUE) {
                wrote += pass(boundary); // throws before the event is consumed if the write fails
            }
            tailer.consume(next.get());
            positions.put(next.get().stream(), logged.position());
            readIndex.set(next.get().stream().ordinal(), logged.position().index());
            eventsRead++;
            if (fold.apply(logged)) {
                wrote += pass(eventTimeMs);
            }
        }
        return wrote;
    }

    private void open() {
        planner = new PassPlanner(store.lastPassAsOf(), skipSuperseded);
        writer = new PassWriter(store, params, fold);
        writer.timingPasses(passTimes);
        tailer = new MergedTailer(clock, holdBack);
        logs.forEach((stream, log) -> tailer.add(stream, reader(log)));
    }

    private EventReader reader(ChronicleEventLog log) {
        if (readAhead) {
            var reader = new ReadAheadReader(log);
            readers.add(reader);
            return reader;
        }
        return log.tailer().seekAfter(LogPosition.BEFORE_START);
    }

    /** Plans the pass as of {@code asOfMs} and writes it unless the planner says otherwise. */
    private int pass(long asOfMs) {
        PassPlanner.Pass pass = planner.plan(asOfMs, this::superseded);
        if (pass.kind() == PassPlanner.Kind.ALREADY_WRITTEN) {
            fold.clearPendingReports(); // an earlier run wrote them with that pass
        }
        if (!pass.writes()) {
            return 0; // a skipped pass's reports go with the next pass written
        }
        unwritten = pass;
        write(pass);
        return 1;
    }

    private void write(PassPlanner.Pass pass) {
        writer.write(pass, positions);
        planner.written(pass);
        unwritten = null;
    }

    /**
     * For each stream, the last event a replay is sure to reach in this drain: released by the
     * clock, with margin enough that nothing before it in its stream is held back.
     */
    private void findWitnesses() {
        witnesses.clear();
        long limit = clock.millis() - holdBack.toMillis() - WITNESS_MARGIN_MS;
        logs.forEach((stream, log) -> log.lastAtOrBefore(limit, WITNESS_SCAN).ifPresent(w -> witnesses.put(stream, w)));
    }

    /**
     * Whether a pass as of {@code asOfMs} is certain to be followed by another one in this drain:
     * some stream still has to deliver an event more than a cadence later, and reading it runs a
     * pass. Every table the pass writes, except the day's history, is then rewritten by that later
     * pass, so a replay skips it: the tables are the same, and a month of logs is thousands of
     * passes fewer. Evidence pruning is monotone in time, so pruning only at written passes leaves
     * the same evidence.
     */
    private boolean superseded(long asOfMs) {
        for (var witness : witnesses.entrySet()) {
            LogPosition read = positions.getOrDefault(witness.getKey(), LogPosition.BEFORE_START);
            if (read.index() < witness.getValue().position().index()
                    && witness.getValue().event().getEventTimeMs() > asOfMs + CADENCE_MS) {
                return true;
            }
        }
        return false;
    }

    /** Passes written by this process, and the wall time they took (metrics, scoring, the write). */
    public long passesWritten() {
        return writer == null ? 0 : writer.passesWritten();
    }

    public double passSeconds() {
        return writer == null ? 0 : writer.passSeconds();
    }

    /** Of {@link #passSeconds}, the time spent writing to the store. */
    public synchronized double passWriteSeconds() {
        return writer == null ? 0 : writer.writeSeconds();
    }

    /** Endpoint rows as of the last written pass: {all, with at least one meaningful stage}. */
    public long[] serviceEndpointsWritten() {
        return writer == null ? new long[2] : writer.serviceEndpoints();
    }

    /** Passes a replay did not write because a later pass in the same drain replaced them. */
    public long passesSkipped() {
        return planner == null ? 0 : planner.skipped();
    }

    /** Events consumed so far (all streams); safe to read while a drain runs. */
    public long eventsRead() {
        return eventsRead;
    }

    public GraphState state() {
        return fold.state();
    }

    /** The last event of this stream this process has read (folded); safe to read while a drain runs. */
    public LogPosition readPosition(LogStream stream) {
        return new LogPosition(readIndex.get(stream.ordinal()));
    }

    private static java.util.concurrent.atomic.AtomicLongArray initialReadIndex() {
        var index = new java.util.concurrent.atomic.AtomicLongArray(LogStream.values().length);
        for (int i = 0; i < index.length(); i++) {
            index.set(i, LogPosition.BEFORE_START.index());
        }
        return index;
    }

    /** This stream's position as of the last pass this process read up to. */
    public synchronized LogPosition position(LogStream stream) {
        return positions.getOrDefault(stream, store.checkpoint(stream));
    }
}
