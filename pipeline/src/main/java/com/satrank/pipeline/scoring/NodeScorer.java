package com.satrank.pipeline.scoring;

import com.satrank.model.ScoringParams;

import com.google.protobuf.ByteString;
import com.satrank.pipeline.evidence.NodeEvidence;
import com.satrank.pipeline.graph.GraphState;
import java.util.HexFormat;
import java.util.Map;

/**
 * Everything a pass computes for one node beyond its graph metrics: the posterior, the composite
 * and the activity figures, as of the pass's event time. Reads the graph state (first sightings,
 * fee and capacity history) and the evidence; writes nothing, so concurrent calls are safe while
 * no events are being applied.
 */
public final class NodeScorer {
    private static final long WEEK_HOURS = 7 * 24;
    private final GraphState state;
    private final Map<ByteString, NodeEvidence> evidence;
    private final ScoringParams params;

    public NodeScorer(GraphState state, Map<ByteString, NodeEvidence> evidence, ScoringParams params) {
        this.state = state;
        this.evidence = evidence;
        this.params = params;
    }

    /**
     * Scores every row, on all cores: each node's result depends on its own inputs only, and the
     * list keeps the rows' order, so the outcome is the same on any number of threads.
     */
    public java.util.List<ScoreRow> scoreAll(java.util.List<NodeRow> rows, long asOfMs) {
        return rows.parallelStream().map(row -> score(row, asOfMs)).toList();
    }

    public ScoreRow score(NodeRow row, long asOfMs) {
        ByteString pubkey = ByteString.copyFrom(HexFormat.of().parseHex(row.pubkey()));
        NodeEvidence nodeEvidence = evidence.get(pubkey);
        Activity activity = Activity.of(nodeEvidence, asOfMs);
        return ScoreRow.of(row.nodeId(), BayesianScorer.score(nodeEvidence, asOfMs, params),
                CompositeScorer.score(compositeInput(row, pubkey, nodeEvidence, activity, asOfMs)), activity,
                params.timeConstantDays());
    }

    private CompositeInput compositeInput(NodeRow row, ByteString pubkey, NodeEvidence nodeEvidence, Activity activity,
                                          long asOfMs) {
        long now = Math.floorDiv(asOfMs, NodeEvidence.HOUR_MS);
        long[] deliveries = nodeEvidence == null ? new long[5] : nodeEvidence.deliveries(now - WEEK_HOURS + 1, now);
        return new CompositeInput(asOfMs, row.channelCount(), row.activeChannelCount(), row.capacitySat(),
                row.peerCount(), row.pagerankPercentile(), row.betweennessPercentile(), row.firstSeenMs(),
                row.lastUpdateS(), state.history().feeChanges(pubkey, asOfMs),
                state.history().capacityWeekBefore(pubkey, asOfMs), activity.probesDelivered7d(),
                activity.probesFailed7d(), deliveries);
    }
}
