package com.satrank.pipeline.store;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.pipeline.scoring.NetworkStatsRow;
import com.satrank.pipeline.scoring.NodeRow;
import com.satrank.pipeline.scoring.ScoreRow;
import java.util.Collection;
import java.util.Map;

/**
 * Everything one scoring pass writes, atomically: changed rows, removals (or, when
 * {@code keepOnly} is set, every node id not in it), the stats row and each stream's position.
 */
public record PassOutput(Collection<NodeRow> changedNodes, Collection<ScoreRow> changedScores,
                         Collection<String> keepOnly, Collection<String> removedNodeIds, NetworkStatsRow stats,
                         Map<LogStream, LogPosition> positions, long asOfMs,
                         Collection<com.satrank.pipeline.scoring.HistoryRow> history) {
}
