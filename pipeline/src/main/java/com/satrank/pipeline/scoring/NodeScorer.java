package com.satrank.pipeline.scoring;

import com.google.protobuf.ByteString;
import com.satrank.pipeline.evidence.EvidenceSource;
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

    public NodeScorer(GraphState state, Map<ByteString, NodeEvidence> evidence) {
        this.state = state;
        this.evidence = evidence;
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
        return ScoreRow.of(row.nodeId(), BayesianScorer.score(nodeEvidence, asOfMs),
                CompositeScorer.score(compositeInput(row, pubkey, nodeEvidence, asOfMs)),
                Activity.of(nodeEvidence, asOfMs));
    }

    private CompositeInput compositeInput(NodeRow row, ByteString pubkey, NodeEvidence nodeEvidence, long asOfMs) {
        long now = Math.floorDiv(asOfMs, NodeEvidence.HOUR_MS);
        long weekStart = now - WEEK_HOURS + 1;
        long[] probes = nodeEvidence == null ? new long[2] : nodeEvidence.counts(EvidenceSource.PROBE, weekStart, now);
        long[] deliveries = nodeEvidence == null ? new long[5] : nodeEvidence.deliveries(weekStart, now);
        return new CompositeInput(asOfMs, row.channelCount(), row.activeChannelCount(), row.capacitySat(),
                row.peerCount(), row.pagerankPercentile(), row.betweennessPercentile(), row.firstSeenMs(),
                row.lastUpdateS(), state.history().feeChanges(pubkey, asOfMs),
                state.history().capacityWeekBefore(pubkey, asOfMs), probes[0], probes[1], deliveries);
    }
}
