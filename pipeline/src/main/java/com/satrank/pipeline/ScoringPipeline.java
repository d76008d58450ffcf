package com.satrank.pipeline;

import com.google.protobuf.ByteString;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.pipeline.evidence.NodeEvidence;
import com.satrank.pipeline.evidence.ProbeEvidence;
import com.satrank.pipeline.evidence.ReportEvidence;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.scoring.NodeScorer;
import com.satrank.pipeline.scoring.GraphMetrics;
import com.satrank.pipeline.scoring.NodeRow;
import com.satrank.pipeline.scoring.ReportRow;
import com.satrank.pipeline.scoring.ScoreRow;
import com.satrank.pipeline.store.PassOutput;
import com.satrank.pipeline.store.ScoreStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds the graph, probes and reports logs, merged in event-time order, into graph state and per-node
 * evidence. A scoring pass runs as of each completed graph snapshot's event time and, between
 * snapshots, as of the last {@link #CADENCE} boundary before each incoming event, so scores decay
 * and take in new evidence without waiting for the graph; which passes run depends on event times
 * only. A pass writes node metrics, Bayesian scores, stats and every stream's position in one
 * transaction. On start it re-folds the logs from index 0 to rebuild memory (first sightings,
 * evidence) but writes no pass at or before the last one written, so a restart after kill -9
 * neither loses nor repeats work. Only rows that differ from what this process last wrote are sent; after a restart
 * that is all. A write that fails (Postgres down) stops the drain with the state at that pass and
 * is retried first thing on the next drain.
 */
public final class ScoringPipeline {
    /** Longer than any append takes after its writer read the clock. */
    public static final java.time.Duration LIVE_HOLD_BACK = java.time.Duration.ofSeconds(2);
    private static final java.time.Instant FAR_FUTURE = java.time.Instant.parse("9999-12-31T00:00:00Z");
    /** Scores are refreshed at least this often in event time. */
    public static final long CADENCE_MS = 15 * 60 * 1000L;
    private static final long DAY_MS = 24 * 3600 * 1000L;
    /**
     * A replay only trusts a later event to be reached if it is this much older than the release
     * limit: appends within a stream are out of event-time order by at most the live hold-back.
     */
    private static final long WITNESS_MARGIN_MS = 60_000;
    /** How far back from a log's end a replay looks for its last released event. */
    private static final long WITNESS_SCAN = 5_000_000;

    private final ChronicleEventLog graphLog;
    private final ChronicleEventLog probesLog;
    private final ChronicleEventLog reportsLog;
    private final ScoreStore store;
    private final java.time.InstantSource clock;
    private final java.time.Duration holdBack;
    private final GraphState state = new GraphState();
    private final Map<ByteString, NodeEvidence> evidence = new HashMap<>();
    private ScoringParams params = ScoringParams.DEFAULT;
    private NodeScorer scorer = new NodeScorer(state, evidence, params);
    private final Map<String, NodeRow> writtenNodes = new HashMap<>();
    private final Map<String, ScoreRow> writtenScores = new HashMap<>();
    private final Map<LogStream, LogPosition> positions = new EnumMap<>(LogStream.class);
    private MergedTailer tailer;
    private long writtenAsOf;
    private long lastPassAsOf = Long.MIN_VALUE;
    private long previousPassDay = Long.MIN_VALUE;
    private boolean firstOfDay;
    private long passesWritten;
    private long fullPassesWritten;
    private long passNanos;
    private long writeNanos;
    private long probesApplied;
    /** Read outside the drain's lock, for progress displays. */
    private volatile long eventsRead;
    private final com.satrank.pipeline.evidence.RecentCounts recentProbes = new com.satrank.pipeline.evidence.RecentCounts();
    private final com.satrank.pipeline.evidence.RecentCounts recentReports = new com.satrank.pipeline.evidence.RecentCounts();
    private final List<ReportRow> unwrittenReports = new ArrayList<>();
    private GraphMetrics.Result metrics;
    private long metricsSnapshotId = -1;
    private Pending unwritten;
    private final boolean skipSuperseded;
    private final Map<LogStream, com.satrank.log.LoggedEvent> witnesses = new EnumMap<>(LogStream.class);
    private long passesSkipped;
    private boolean readAhead;
    private final List<com.satrank.log.ReadAheadReader> readers = new ArrayList<>();

    /** A pass to write; {@code historyOnly}: a replay's day-first pass a later one supersedes but for its history rows. */
    private record Pending(long asOfMs, boolean historyOnly) {
    }

    /** Live: events are released {@code holdBack} after their event time by {@code clock} (see MergedTailer). */
    public ScoringPipeline(ChronicleEventLog graphLog, ChronicleEventLog probesLog, ChronicleEventLog reportsLog,
                           ScoreStore store, java.time.InstantSource clock, java.time.Duration holdBack) {
        this(graphLog, probesLog, reportsLog, store, clock, holdBack, false);
    }

    private ScoringPipeline(ChronicleEventLog graphLog, ChronicleEventLog probesLog, ChronicleEventLog reportsLog,
                            ScoreStore store, java.time.InstantSource clock, java.time.Duration holdBack,
                            boolean skipSuperseded) {
        this.skipSuperseded = skipSuperseded;
        this.graphLog = graphLog;
        this.probesLog = probesLog;
        this.reportsLog = reportsLog;
        this.store = store;
        this.clock = clock;
        this.holdBack = holdBack;
    }

    /** Graph and probes only (no reports log), live. */
    public ScoringPipeline(ChronicleEventLog graphLog, ChronicleEventLog probesLog, ScoreStore store,
                           java.time.InstantSource clock, java.time.Duration holdBack) {
        this(graphLog, probesLog, null, store, clock, holdBack);
    }

    /** Replay of complete logs: nothing is still being written, so nothing is held back. */
    public ScoringPipeline(ChronicleEventLog graphLog, ChronicleEventLog probesLog, ScoreStore store) {
        this(graphLog, probesLog, null, store, () -> FAR_FUTURE, java.time.Duration.ZERO);
    }

    /** Replay of complete logs including reports. */
    public static ScoringPipeline replay(ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                         ChronicleEventLog reportsLog, ScoreStore store) {
        return replayAsOf(graphLog, probesLog, reportsLog, store, FAR_FUTURE);
    }

    private com.satrank.log.EventReader reader(ChronicleEventLog log) {
        if (readAhead) {
            var reader = new com.satrank.log.ReadAheadReader(log);
            readers.add(reader);
            return reader;
        }
        return log.tailer().seekAfter(LogPosition.BEFORE_START);
    }

    /**
     * Decodes each log on a thread of its own ahead of the fold; for a single drain of logs read to
     * their end (the operator's replay), since the read-ahead does not see events appended after it
     * caught up. Only before the first drain.
     */
    public synchronized ScoringPipeline readingAhead() {
        if (tailer != null) {
            throw new IllegalStateException("read-ahead is chosen before the pipeline reads the logs");
        }
        readAhead = true;
        return this;
    }

    /** Stops read-ahead threads, if any. */
    public synchronized void closeReaders() {
        readers.forEach(com.satrank.log.ReadAheadReader::close);
        readers.clear();
    }

    /** Scores with {@code scoring} instead of the defaults; only before the first drain. */
    public synchronized ScoringPipeline scoring(ScoringParams scoring) {
        if (tailer != null) {
            throw new IllegalStateException("scoring parameters are fixed once the pipeline has read the logs");
        }
        this.params = scoring;
        this.scorer = new NodeScorer(state, evidence, scoring);
        return this;
    }

    /** Reads what the logs hold now; returns the number of passes written to the store. */
    public synchronized int drain() {
        if (tailer == null) {
            writtenAsOf = store.lastPassAsOf();
            tailer = new MergedTailer(clock, holdBack);
            tailer.add(LogStream.GRAPH, reader(graphLog));
            tailer.add(LogStream.PROBES, reader(probesLog));
            if (reportsLog != null) {
                tailer.add(LogStream.REPORTS, reader(reportsLog));
            }
        }
        if (skipSuperseded) {
            findWitnesses();
        }
        int wrote = 0;
        if (unwritten != null) {
            writePass(unwritten);
            wrote++;
        }
        Optional<MergedTailer.Next> next;
        while ((next = tailer.peek()).isPresent()) {
            var logged = next.get().logged();
            var event = logged.event();
            long boundary = Math.floorDiv(event.getEventTimeMs() - 1, CADENCE_MS) * CADENCE_MS;
            if (state.appliedSnapshotId() >= 0 && boundary > lastPassAsOf) {
                wrote += pass(boundary); // throws before the event is consumed if the write fails
            }
            tailer.consume(next.get());
            positions.put(next.get().stream(), logged.position());
            eventsRead++;
            if (event.hasProbeCompleted()) {
                ProbeEvidence.apply(event.getProbeCompleted(), event.getEventTimeMs(),
                        evidence.computeIfAbsent(event.getProbeCompleted().getTargetPubkey(), k -> new NodeEvidence()));
                probesApplied++;
                recentProbes.add(event.getEventTimeMs());
            } else if (event.hasPaymentReported()) {
                var report = event.getPaymentReported();
                ReportEvidence.apply(report, event.getEventTimeMs(),
                        evidence.computeIfAbsent(report.getTargetPubkey(), k -> new NodeEvidence()));
                recentReports.add(event.getEventTimeMs());
                unwrittenReports.add(new ReportRow(logged.position().index(), event.getEventTimeMs(), report.getReporter(),
                        com.satrank.model.Pubkey.fromBytes(report.getTargetPubkey().toByteArray()).nodeId().hex(),
                        report.getOutcome().name(), report.getProven()));
            } else if (state.apply(event)) {
                wrote += pass(event.getEventTimeMs());
            }
        }
        return wrote;
    }

    /** Runs the pass as of {@code asOfMs}; writes it unless an earlier run already did. */
    private int pass(long asOfMs) {
        lastPassAsOf = asOfMs;
        long day = Math.floorDiv(asOfMs, DAY_MS);
        firstOfDay = day != previousPassDay;
        previousPassDay = day;
        if (asOfMs <= writtenAsOf) {
            unwrittenReports.clear(); // an earlier run wrote them with that pass
            return 0;
        }
        boolean superseded = skipSuperseded && superseded(asOfMs);
        if (superseded && !firstOfDay) {
            passesSkipped++; // its reports go with the next pass written
            return 0;
        }
        unwritten = new Pending(asOfMs, superseded);
        writePass(unwritten);
        return 1;
    }

    private void writePass(Pending pass) {
        long started = System.nanoTime(); // for the operator's progress figures only
        if (metricsSnapshotId != state.appliedSnapshotId()) {
            metrics = GraphMetrics.compute(state);
            metricsSnapshotId = state.appliedSnapshotId();
        }
        evidence.values().forEach(e -> e.prune(pass.asOfMs(), params.evidenceHorizonMs()));
        List<NodeRow> changedNodes = new ArrayList<>();
        List<ScoreRow> changedScores = new ArrayList<>();
        List<com.satrank.pipeline.scoring.HistoryRow> history = new ArrayList<>();
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(pass.asOfMs(), DAY_MS));
        Set<String> present = new HashSet<>();
        List<ScoreRow> scores = scorer.scoreAll(metrics.rows(), pass.asOfMs());
        for (int i = 0; i < scores.size(); i++) {
            NodeRow row = metrics.rows().get(i);
            present.add(row.nodeId());
            ScoreRow score = scores.get(i);
            if (!pass.historyOnly() && !row.equals(writtenNodes.get(row.nodeId()))) {
                changedNodes.add(row);
            }
            if (!pass.historyOnly() && !score.equals(writtenScores.get(row.nodeId()))) {
                changedScores.add(score);
            }
            if (firstOfDay) {
                history.add(new com.satrank.pipeline.scoring.HistoryRow(row.nodeId(), day, score.pSuccess(),
                        score.ci95Low(), score.ci95High(), score.nObs(), score.verdict(), row.pagerankPercentile(),
                        pass.asOfMs(), score.score()));
            }
        }
        List<String> removed = new ArrayList<>();
        for (String id : writtenNodes.keySet()) {
            if (!pass.historyOnly() && !present.contains(id)) {
                removed.add(id);
            }
        }
        // The first write of a process cannot know what earlier runs left in the tables, so it keeps
        // exactly the present rows; later writes only touch what changed since.
        long writeStarted = System.nanoTime();
        store.write(new PassOutput(changedNodes, changedScores,
                !pass.historyOnly() && fullPassesWritten == 0 ? present : null, removed,
                metrics.stats().forPass(pass.asOfMs(), probesApplied, recentProbes.lastDay(pass.asOfMs()),
                        recentReports.lastDay(pass.asOfMs())), new EnumMap<>(positions), pass.asOfMs(),
                history, pass.historyOnly() ? List.of() : List.copyOf(unwrittenReports)));
        writeNanos += System.nanoTime() - writeStarted;
        if (!pass.historyOnly()) {
            unwrittenReports.clear();
            fullPassesWritten++;
        }
        removed.forEach(writtenNodes::remove);
        removed.forEach(writtenScores::remove);
        changedNodes.forEach(row -> writtenNodes.put(row.nodeId(), row));
        changedScores.forEach(row -> writtenScores.put(row.nodeId(), row));
        writtenAsOf = pass.asOfMs();
        passesWritten++;
        passNanos += System.nanoTime() - started;
        unwritten = null;
    }

    /**
     * For each stream, the last event a replay is sure to reach in this drain: released by the
     * clock, with margin enough that nothing before it in its stream is held back.
     */
    private void findWitnesses() {
        witnesses.clear();
        long limit = clock.millis() - holdBack.toMillis() - WITNESS_MARGIN_MS;
        for (var log : java.util.Arrays.asList(graphLog, probesLog, reportsLog)) {
            if (log != null) {
                log.lastAtOrBefore(limit, WITNESS_SCAN).ifPresent(w -> witnesses.put(log.stream(), w));
            }
        }
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
    public synchronized long passesWritten() {
        return passesWritten;
    }

    public synchronized double passSeconds() {
        return passNanos / 1e9;
    }

    /** Of {@link #passSeconds}, the time spent writing to the store. */
    public synchronized double passWriteSeconds() {
        return writeNanos / 1e9;
    }

    /** Passes a replay did not write because a later pass in the same drain replaced them. */
    public synchronized long passesSkipped() {
        return passesSkipped;
    }

    /** Events consumed so far (all streams); safe to read while a drain runs. */
    public long eventsRead() {
        return eventsRead;
    }

    /** Replay of complete logs as of event time {@code asOf}: later events are never read. */
    public static ScoringPipeline replayAsOf(ChronicleEventLog graphLog, ChronicleEventLog probesLog,
                                             ChronicleEventLog reportsLog, ScoreStore store, java.time.Instant asOf) {
        return new ScoringPipeline(graphLog, probesLog, reportsLog, store, () -> asOf, java.time.Duration.ZERO, true);
    }

    public GraphState state() {
        return state;
    }

    /** This stream's position as of the last pass this process read up to. */
    public synchronized LogPosition position(LogStream stream) {
        return positions.getOrDefault(stream, store.checkpoint(stream));
    }
}
