package com.satrank.pipeline;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.scoring.GraphMetrics;
import com.satrank.pipeline.scoring.NodeRow;
import com.satrank.pipeline.store.ScoreStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds the graph log into {@link GraphState} and, after each completed snapshot past the
 * checkpoint, writes node rows, stats and the new checkpoint in one transaction. On start it
 * re-folds the log from index 0 to rebuild in-memory state (first sightings included) but writes
 * nothing at or before the checkpoint, so a restart after kill -9 neither loses nor repeats work.
 * Only rows that differ from what this process last wrote are sent; after a restart that is all.
 * A write that fails (Postgres down) stops the drain right there, with the state still at that
 * snapshot, and is retried first thing on the next drain.
 */
public final class GraphPipeline {
    private final ChronicleEventLog log;
    private final ScoreStore store;
    private final GraphState state = new GraphState();
    private final Map<String, NodeRow> written = new HashMap<>();
    private ChronicleEventLog.Tailer tailer;
    private LogPosition checkpoint;
    private long snapshotsWritten;
    private LoggedEvent unwritten;

    public GraphPipeline(ChronicleEventLog log, ScoreStore store) {
        this.log = log;
        this.store = store;
    }

    /** Reads what the log holds now; returns the number of snapshots written to the store. */
    public synchronized int drain() {
        if (tailer == null) {
            checkpoint = store.checkpoint(LogStream.GRAPH);
            tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
        }
        int wrote = 0;
        if (unwritten != null) {
            writeSnapshot(unwritten.position(), unwritten.event().getEventTimeMs());
            wrote++;
        }
        Optional<LoggedEvent> next;
        while ((next = tailer.next()).isPresent()) {
            LoggedEvent logged = next.get();
            boolean completed = state.apply(logged.event());
            if (completed && logged.position().isAfter(checkpoint)) {
                unwritten = logged;
                writeSnapshot(logged.position(), logged.event().getEventTimeMs());
                wrote++;
            }
        }
        return wrote;
    }

    private void writeSnapshot(LogPosition position, long eventTimeMs) {
        GraphMetrics.Result result = GraphMetrics.compute(state);
        List<NodeRow> changed = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (NodeRow row : result.rows()) {
            present.add(row.nodeId());
            if (!row.equals(written.get(row.nodeId()))) {
                changed.add(row);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String id : written.keySet()) {
            if (!present.contains(id)) {
                removed.add(id);
            }
        }
        // The first write of a process cannot know what earlier runs left in the table, so it keeps
        // exactly the present rows; later writes only touch what changed since.
        boolean exact = snapshotsWritten == 0;
        store.write(changed, exact ? present : null, removed, result.stats(), LogStream.GRAPH, position,
                eventTimeMs);
        removed.forEach(written::remove);
        changed.forEach(row -> written.put(row.nodeId(), row));
        checkpoint = position;
        snapshotsWritten++;
        unwritten = null;
    }

    public GraphState state() {
        return state;
    }

    public synchronized LogPosition checkpoint() {
        return checkpoint == null ? store.checkpoint(LogStream.GRAPH) : checkpoint;
    }

    public long snapshotsWritten() {
        return snapshotsWritten;
    }
}
