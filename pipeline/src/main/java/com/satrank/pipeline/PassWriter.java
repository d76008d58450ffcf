package com.satrank.pipeline;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.scoring.GraphMetrics;
import com.satrank.pipeline.scoring.HistoryRow;
import com.satrank.pipeline.scoring.NodeRow;
import com.satrank.pipeline.scoring.NodeScorer;
import com.satrank.db.ScoreRow;
import com.satrank.pipeline.store.PassOutput;
import com.satrank.pipeline.store.ScoreStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the fold's state into one pass's rows and writes them: graph metrics (recomputed only when
 * the snapshot changed), posteriors and composites for every node, and only the rows that differ
 * from what this process last wrote. The first write of a process cannot know what earlier runs
 * left in the tables, so it keeps exactly the present rows; later writes touch what changed.
 */
final class PassWriter {
    private final ScoreStore store;
    private final ScoringParams params;
    private final ScoringFold fold;
    private final NodeScorer scorer;
    private final Map<String, NodeRow> writtenNodes = new HashMap<>();
    private final Map<String, ScoreRow> writtenScores = new HashMap<>();
    private final Map<String, com.satrank.pipeline.services.EndpointRow> writtenEndpoints = new HashMap<>();
    private final Map<String, com.satrank.pipeline.services.StageRow> writtenStages = new HashMap<>();
    private GraphMetrics.Result metrics;
    private com.satrank.model.amount.LiquidityCurve writtenCurve;
    private long metricsSnapshotId = -1;
    private volatile long passesWritten;
    private volatile long[] serviceEndpoints = new long[2];
    /** Hears each written pass's wall time in seconds (metrics); never part of what is written. */
    private java.util.function.DoubleConsumer passTimes = seconds -> { };
    private long fullPassesWritten;
    private volatile long passNanos;
    private volatile long writeNanos;

    PassWriter(ScoreStore store, ScoringParams params, ScoringFold fold) {
        this.store = store;
        this.params = params;
        this.fold = fold;
        this.scorer = new NodeScorer(fold.state(), fold.evidence(), params);
    }

    /** Writes {@code pass} with the streams' {@code positions}; throws, having changed nothing, if the store fails. */
    void write(PassPlanner.Pass pass, Map<LogStream, LogPosition> positions) {
        long started = System.nanoTime(); // for the operator's progress figures only
        boolean historyOnly = pass.kind() == PassPlanner.Kind.HISTORY_ONLY;
        var state = fold.state();
        if (metricsSnapshotId != state.appliedSnapshotId()) {
            metrics = GraphMetrics.compute(state);
            metricsSnapshotId = state.appliedSnapshotId();
        }
        fold.evidence().values().forEach(e -> e.prune(pass.asOfMs(), params.evidenceHorizonMs()));
        List<NodeRow> changedNodes = new ArrayList<>();
        List<ScoreRow> changedScores = new ArrayList<>();
        List<HistoryRow> history = new ArrayList<>();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(pass.asOfMs(), PassPlanner.DAY_MS));
        Set<String> present = new HashSet<>();
        NodeScorer.Scored scored = scorer.scoreAll(metrics.rows(), pass.asOfMs());
        List<ScoreRow> scores = scored.rows();
        for (int i = 0; i < scores.size(); i++) {
            NodeRow row = metrics.rows().get(i);
            present.add(row.nodeId());
            ScoreRow score = scores.get(i);
            if (!historyOnly && !row.equals(writtenNodes.get(row.nodeId()))) {
                changedNodes.add(row);
            }
            if (!historyOnly && !score.equals(writtenScores.get(row.nodeId()))) {
                changedScores.add(score);
            }
            if (pass.firstOfDay()) {
                history.add(new HistoryRow(row.nodeId(), day, score.pSuccess(), score.ci95Low(), score.ci95High(),
                        score.nObs(), score.verdict(), row.pagerankPercentile(), pass.asOfMs(), score.score()));
            }
        }
        List<String> removed = new ArrayList<>();
        if (!historyOnly) {
            for (String id : writtenNodes.keySet()) {
                if (!present.contains(id)) {
                    removed.add(id);
                }
            }
        }
        List<com.satrank.pipeline.services.EndpointRow> changedEndpoints = new ArrayList<>();
        List<com.satrank.pipeline.services.StageRow> changedStages = new ArrayList<>();
        Set<String> endpointIds = new HashSet<>();
        if (!historyOnly) {
            fold.services().prune(pass.asOfMs(), params.evidenceHorizonMs());
            var endpointScores = com.satrank.pipeline.services.EndpointScorer.score(fold.services(), pass.asOfMs(),
                    params.tauMs());
            long withEvidence = 0;
            for (var row : endpointScores.endpoints()) {
                withEvidence += row.meaningfulStages() > 0 ? 1 : 0;
                endpointIds.add(row.urlHash());
                if (!row.equals(writtenEndpoints.get(row.urlHash()))) {
                    changedEndpoints.add(row);
                }
            }
            serviceEndpoints = new long[] {endpointScores.endpoints().size(), withEvidence};
            for (var row : endpointScores.stages()) {
                if (!row.equals(writtenStages.get(row.urlHash() + "/" + row.stage()))) {
                    changedStages.add(row);
                }
            }
        }
        long writeStarted = System.nanoTime();
        store.write(new PassOutput(changedNodes, changedScores,
                !historyOnly && fullPassesWritten == 0 ? present : null, removed,
                metrics.stats().forPass(pass.asOfMs(), fold.probesApplied(), fold.probesLastDay(pass.asOfMs()),
                        fold.reportsLastDay(pass.asOfMs())), new EnumMap<>(positions), pass.asOfMs(),
                history, historyOnly ? List.of() : fold.pendingReports(), changedEndpoints, changedStages,
                !historyOnly && fullPassesWritten == 0 ? endpointIds : null,
                !historyOnly && !scored.curve().equals(writtenCurve) ? scored.curve() : null));
        if (!historyOnly) {
            writtenCurve = scored.curve();
        }
        changedEndpoints.forEach(row -> writtenEndpoints.put(row.urlHash(), row));
        changedStages.forEach(row -> writtenStages.put(row.urlHash() + "/" + row.stage(), row));
        writeNanos += System.nanoTime() - writeStarted;
        if (!historyOnly) {
            fold.clearPendingReports();
            fullPassesWritten++;
        }
        removed.forEach(writtenNodes::remove);
        removed.forEach(writtenScores::remove);
        changedNodes.forEach(row -> writtenNodes.put(row.nodeId(), row));
        changedScores.forEach(row -> writtenScores.put(row.nodeId(), row));
        passesWritten++;
        long took = System.nanoTime() - started;
        passNanos += took;
        passTimes.accept(took / 1e9);
    }

    void timingPasses(java.util.function.DoubleConsumer listener) {
        this.passTimes = listener;
    }

    long[] serviceEndpoints() {
        return serviceEndpoints.clone();
    }

    long passesWritten() {
        return passesWritten;
    }

    double passSeconds() {
        return passNanos / 1e9;
    }

    double writeSeconds() {
        return writeNanos / 1e9;
    }
}
