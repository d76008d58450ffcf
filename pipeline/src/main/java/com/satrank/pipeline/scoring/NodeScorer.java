package com.satrank.pipeline.scoring;

import com.satrank.db.ScoreRow;

import com.satrank.model.ScoringParams;

import com.google.protobuf.ByteString;
import com.satrank.pipeline.evidence.NodeEvidence;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.graph.LargestChannelHistory;
import com.satrank.model.EvidenceRules;
import com.satrank.model.amount.LiquidityCurve;
import com.satrank.model.amount.NodeReliability;
import com.satrank.pipeline.evidence.EvidenceSource;
import com.satrank.pipeline.evidence.ProbeEvidence;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Everything a pass computes for one node beyond its graph metrics: the posterior, the composite
 * and the activity figures, as of the pass's event time. Reads the graph state (first sightings,
 * fee and capacity history) and the evidence; writes nothing, so concurrent calls are safe while
 * no events are being applied.
 */
public final class NodeScorer {
    private static final long WEEK_HOURS = 7 * 24;
    static final int STRATA = 8;
    private static final AmountModel MODEL = new AmountModel(STRATA);
    private final GraphState state;
    private final Map<ByteString, NodeEvidence> evidence;
    private final ScoringParams params;

    public NodeScorer(GraphState state, Map<ByteString, NodeEvidence> evidence, ScoringParams params) {
        this.state = state;
        this.evidence = evidence;
        this.params = params;
    }

    /** A pass's node rows and the liquidity curve they were scored with. */
    public record Scored(List<ScoreRow> rows, LiquidityCurve curve) {
    }

    /**
     * Scores every row, on all cores where a node's result depends on its own inputs only; the
     * amount model, which learns from all nodes at once, runs in one thread in row order. The list
     * keeps the rows' order, so the outcome is the same on any number of threads.
     */
    public Scored scoreAll(List<NodeRow> rows, long asOfMs) {
        List<AmountModel.NodeInput> inputs = rows.parallelStream().map(row -> amountInput(row, asOfMs)).toList();
        AmountModel.Fit fit = MODEL.fit(inputs);
        List<ScoreRow> scored = IntStream.range(0, rows.size()).parallel()
                .mapToObj(i -> score(rows.get(i), asOfMs, fit.posteriors().get(i), fit.curve())).toList();
        return new Scored(scored, fit.curve());
    }

    private ScoreRow score(NodeRow row, long asOfMs, AmountModel.Posterior posterior, LiquidityCurve curve) {
        ByteString pubkey = ByteString.copyFrom(HexFormat.of().parseHex(row.pubkey()));
        NodeEvidence nodeEvidence = evidence.get(pubkey);
        Activity activity = Activity.of(nodeEvidence, asOfMs);
        BayesianScore sources = BayesianScorer.score(nodeEvidence, asOfMs, params);
        NodeReliability reliability = new NodeReliability(posterior.mean(), posterior.ci95Low(), posterior.ci95High(),
                posterior.nObs(), row.maxChannelSat(), otherSourcesAgreeing(sources));
        return row(row.nodeId(), sources, reliability, reliability.at(NodeReliability.DEFAULT_AMOUNT_SAT, curve),
                CompositeScorer.score(compositeInput(row, pubkey, nodeEvidence, activity, asOfMs)), activity,
                params.timeConstantDays());
    }

    /** Pathfinding and reports: the sources besides payment probes whose posterior says the node is good. */
    private static int otherSourcesAgreeing(BayesianScore s) {
        int n = 0;
        for (String label : List.of("route", "report")) {
            var p = s.sources().get(label);
            n += p != null && p.pSuccess() >= EvidenceRules.CONVERGENCE_THRESHOLD ? 1 : 0;
        }
        return n;
    }

    /**
     * The model's input for one node: decayed outcomes per curve bin, each at the amount against the
     * largest enabled channel the node had in that hour (reports count at the base tier, with their
     * weights), its largest enabled channel now and its graph stratum.
     */
    private AmountModel.NodeInput amountInput(NodeRow row, long asOfMs) {
        AmountModel.Outcomes outcomes = new AmountModel.Outcomes();
        ByteString pubkey = ByteString.copyFrom(HexFormat.of().parseHex(row.pubkey()));
        NodeEvidence e = evidence.get(pubkey);
        if (e != null) {
            LargestChannelHistory channels = state.history().largestChannel();
            long now = Math.floorDiv(asOfMs, NodeEvidence.HOUR_MS);
            long[] tiers = ProbeEvidence.TIERS_SAT;
            e.forEachTierHour(Long.MIN_VALUE, now, (hour, d, offset) -> {
                double w = decay(hour, asOfMs);
                long channel = channels.at(pubkey, midpoint(hour));
                for (int j = 0; j < tiers.length; j++) {
                    outcomes.add(tiers[j], channel, d[offset + 2 * j] * w, d[offset + 2 * j + 1] * w);
                }
            });
            for (EvidenceSource source : List.of(EvidenceSource.REPORT_PROVEN, EvidenceSource.REPORT_UNVERIFIED)) {
                e.forEachHour(source, Long.MIN_VALUE, now, (hour, successes, failures) -> {
                    double w = decay(hour, asOfMs) * source.weight();
                    outcomes.add(tiers[0], channels.at(pubkey, midpoint(hour)), successes * w, failures * w);
                });
            }
        }
        return outcomes.input(stratum(row), row.maxChannelSat());
    }

    private static long midpoint(long hour) {
        return hour * NodeEvidence.HOUR_MS + NodeEvidence.HOUR_MS / 2;
    }

    private double decay(long hour, long asOfMs) {
        return Math.exp(-Math.max(0, asOfMs - midpoint(hour)) / params.tauMs());
    }

    /** Graph features the prior is conditioned on: silent for two weeks or not, and how many enabled channels. */
    static int stratum(NodeRow row) {
        int channels = row.activeChannelCount();
        int bucket = channels <= 1 ? 0 : channels <= 3 ? 1 : channels <= 9 ? 2 : 3;
        return (row.stale() ? STRATA / 2 : 0) + bucket;
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

    static ScoreRow row(String nodeId, BayesianScore s, NodeReliability r, NodeReliability.AmountAnswer base,
                        CompositeScore c, Activity a, int timeConstantDays) {
        var probe = s.sources().get("probe");
        var route = s.sources().get("route");
        var report = s.sources().get("report");
        return new ScoreRow(nodeId, base.pSuccess(), base.ci95Low(), base.ci95High(), base.nObs(), base.verdict(),
                base.converged(),
                p(probe), lo(probe), hi(probe), n(probe), p(route), lo(route), hi(route), n(route),
                p(report), lo(report), hi(report), n(report), s.lastEvidenceMs(), c.score(), c.volume(),
                c.reputation(), c.seniority(), c.regularity(), c.diversity(), c.centrality(), c.peerTrust(),
                c.routingQuality(), c.capacityTrend(), c.feeStability(), a.last24h(), a.last7d(), a.last30d(),
                a.riskProfile(), a.reachability(), timeConstantDays, r.mean(), r.ci95Low(), r.ci95High(),
                r.maxChannelSat(), r.otherSourcesAgreeing());
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
