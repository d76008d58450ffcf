package com.satrank.pipeline.store;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.pipeline.scoring.NetworkStatsRow;
import com.satrank.pipeline.scoring.NodeRow;
import com.satrank.db.ScoreRow;
import java.util.Collection;
import java.util.Map;

/**
 * Everything one scoring pass writes, atomically: changed rows, removals (or, when
 * {@code keepOnly} is set, every node id not in it), the stats row, each stream's position, the
 * day's history rows on the first pass of a UTC day, the reports read since the last pass, and the
 * endpoint catalogue and stage rows that changed (or, with {@code keepOnlyEndpoints}, every url_hash
 * not in it is removed), and the liquidity curve when it changed (null otherwise).
 */
public record PassOutput(Collection<NodeRow> changedNodes, Collection<ScoreRow> changedScores,
                         Collection<String> keepOnly, Collection<String> removedNodeIds, NetworkStatsRow stats,
                         Map<LogStream, LogPosition> positions, long asOfMs,
                         Collection<com.satrank.pipeline.scoring.HistoryRow> history,
                         Collection<com.satrank.pipeline.scoring.ReportRow> reports,
                         Collection<com.satrank.pipeline.services.EndpointRow> changedEndpoints,
                         Collection<com.satrank.pipeline.services.StageRow> changedStages,
                         Collection<String> keepOnlyEndpoints,
                         com.satrank.model.amount.LiquidityCurve curve) {
    /** A pass without service rows. */
    public PassOutput(Collection<NodeRow> changedNodes, Collection<ScoreRow> changedScores,
                      Collection<String> keepOnly, Collection<String> removedNodeIds, NetworkStatsRow stats,
                      Map<LogStream, LogPosition> positions, long asOfMs,
                      Collection<com.satrank.pipeline.scoring.HistoryRow> history,
                      Collection<com.satrank.pipeline.scoring.ReportRow> reports) {
        this(changedNodes, changedScores, keepOnly, removedNodeIds, stats, positions, asOfMs, history, reports,
                java.util.List.of(), java.util.List.of(), null, null);
    }
}
