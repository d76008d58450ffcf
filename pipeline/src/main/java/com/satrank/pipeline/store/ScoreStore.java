package com.satrank.pipeline.store;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.pipeline.scoring.NetworkStatsRow;
import com.satrank.pipeline.scoring.NodeRow;
import java.util.Collection;

/** Where the pipeline's output goes: score tables plus the log checkpoint, written atomically. */
public interface ScoreStore {
    LogPosition checkpoint(LogStream stream);

    /**
     * In one transaction: upsert {@code changed}, delete {@code removedNodeIds} (or, when
     * {@code keepOnly} is not null, every row whose id is not in it), replace the stats row and move
     * the stream's checkpoint to {@code position}.
     */
    void write(Collection<NodeRow> changed, Collection<String> keepOnly, Collection<String> removedNodeIds,
               NetworkStatsRow stats,
               LogStream stream, LogPosition position, long eventTimeMs);
}
