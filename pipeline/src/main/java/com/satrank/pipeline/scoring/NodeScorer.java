package com.satrank.pipeline.scoring;

import com.satrank.db.ScoreRow;

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
        return row(row.nodeId(), BayesianScorer.score(nodeEvidence, asOfMs, params),
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

    static ScoreRow row(String nodeId, BayesianScore s, CompositeScore c, Activity a, int timeConstantDays) {
        var probe = s.sources().get("probe");
        var route = s.sources().get("route");
        var report = s.sources().get("report");
        return new ScoreRow(nodeId, s.pSuccess(), s.ci95Low(), s.ci95High(), s.nObs(), s.verdict(), s.converged(),
                p(probe), lo(probe), hi(probe), n(probe), p(route), lo(route), hi(route), n(route),
                p(report), lo(report), hi(report), n(report), s.lastEvidenceMs(), c.score(), c.volume(),
                c.reputation(), c.seniority(), c.regularity(), c.diversity(), c.centrality(), c.peerTrust(),
                c.routingQuality(), c.capacityTrend(), c.feeStability(), a.last24h(), a.last7d(), a.last30d(),
                a.riskProfile(), a.reachability(), timeConstantDays);
    }

    private static Double p(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.pSuccess();
    }

    private static Double lo(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.ci95Low();
    }

    private static Double hi(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.ci95High();
    }

    private static Double n(BayesianScore.SourcePosterior s) {
        return s == null ? null : s.nObs();
    }
}
