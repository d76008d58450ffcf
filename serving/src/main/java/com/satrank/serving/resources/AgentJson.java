package com.satrank.serving.resources;

import com.satrank.db.ScoreRow;
import com.satrank.model.amount.NodeReliability;
import com.satrank.serving.db.NodeView;

/**
 * JSON shapes for nodes, with the original's field names so its clients keep working
 * ({@code publicKeyHash}, {@code totalTransactions} = channel count for Lightning nodes).
 */
final class AgentJson {
    private AgentJson() {
    }

    record LightningGraph(String publicKey, int channels, int activeChannels, long capacitySats, int peers,
                          double pagerank, double pagerankPercentile, double betweenness,
                          double betweennessPercentile) {
        static LightningGraph from(NodeView n) {
            return new LightningGraph(n.pubkey(), n.channelCount(), n.activeChannelCount(), n.capacitySat(),
                    n.peerCount(), n.pagerank(), round2(n.pagerankPercentile()), round2(n.betweenness()),
                    round2(n.betweennessPercentile()));
        }
    }

    /** The composite 0–100 with its five components and the reputation's sub-signals (null: unavailable). */
    record Score(double total, Components components, ReputationParts reputation) {
        record Components(int volume, int reputation, int seniority, int regularity, int diversity) {
        }

        record ReputationParts(Integer centrality, Integer peerTrust, int routingQuality, int capacityTrend,
                               int feeStability) {
        }

        static Score from(ScoreRow s) {
            return new Score(s.score(), new Components(s.volume(), s.reputation(), s.seniority(), s.regularity(),
                    s.diversity()), new ReputationParts(s.centrality(), s.peerTrust(), s.routingQuality(),
                    s.capacityTrend(), s.feeStability()));
        }
    }

    record TopEntry(String publicKeyHash, String publicKey, String alias, Integer rank, int totalTransactions,
                    String source, LightningGraph lightningGraph) {
        static TopEntry from(NodeView n) {
            return new TopEntry(n.nodeId(), n.pubkey(), n.alias(), liveRank(n), n.channelCount(), "lightning_graph",
                    LightningGraph.from(n));
        }
    }

    record Agent(String publicKeyHash, String publicKey, String alias, String color, long firstSeen, long lastSeen,
                 String source, boolean stale, Integer rank) {
    }

    /**
     * p_success and composite now minus on the history day 1, 7 and 30 days before the newest;
     * null where not recorded.
     */
    record Trend(Double delta1d, Double delta7d, Double delta30d, Double scoreDelta1d, Double scoreDelta7d,
                 Double scoreDelta30d) {
    }

    record AgentDetail(Agent agent, BayesianJson bayesian, Score score, Double reachability, Trend trend,
                       LightningGraph lightningGraph) {
        static AgentDetail from(NodeView n, java.util.Optional<ScoreRow> score, Trend trend, long nowMs) {
            return from(n, score, NodeReliability.DEFAULT_AMOUNT_SAT, trend, nowMs);
        }

        /** {@code score} already answers for {@code amountSats}. */
        static AgentDetail from(NodeView n, java.util.Optional<ScoreRow> score, long amountSats, Trend trend,
                                long nowMs) {
            long firstSeen = n.firstSeenMs() / 1000;
            // lastSeen is the node's own announcement time, which can predate our first sight of it
            return new AgentDetail(new Agent(n.nodeId(), n.pubkey(), n.alias(), n.color(), firstSeen,
                    Math.max(n.lastUpdateS(), firstSeen), "lightning_graph", n.stale(), liveRank(n)),
                    score.map(s -> BayesianJson.from(s, amountSats, nowMs)).orElse(null), score.map(Score::from).orElse(null),
                    score.map(ScoreRow::reachability).map(BayesianJson::r3).orElse(null), trend,
                    LightningGraph.from(n));
        }
    }

    /** GET /api/agent/{id}/verdict: the Bayesian block plus a sentence a person can read. */
    record VerdictJson(@com.fasterxml.jackson.annotation.JsonUnwrapped BayesianJson bayesian, String reason,
                       Double reachability) {
        static VerdictJson from(java.util.Optional<ScoreRow> score, boolean known, long nowMs) {
            return from(score, known, NodeReliability.DEFAULT_AMOUNT_SAT, nowMs);
        }

        /** {@code score} already answers for {@code amountSats} ({@link ScoreRow#atAmount}). */
        static VerdictJson from(java.util.Optional<ScoreRow> score, boolean known, long amountSats, long nowMs) {
            if (!known) {
                return new VerdictJson(BayesianJson.unknownNode(amountSats), "Agent not found in the SatRank index", null);
            }
            if (score.isEmpty()) {
                return new VerdictJson(BayesianJson.unknownNode(amountSats), "Node known from the graph, not scored yet",
                        null);
            }
            BayesianJson b = BayesianJson.from(score.get(), amountSats, nowMs);
            Double reachability = score.get().reachability() == null ? null : BayesianJson.r3(score.get().reachability());
            String capacity = score.get().maxChannelSat() >= 0 && amountSats >= score.get().maxChannelSat()
                    ? "; no enabled channel can carry " + amountSats + " sats" : "";
            return new VerdictJson(b, String.format(java.util.Locale.ROOT,
                    "p_success=%.3f for %d sats (n=%.1f, τ=7d) from payment probes and pathfinding; %s%s",
                    b.pSuccess(), amountSats, b.nObs(),
                    b.convergence().converged() ? "sources converge" : "sources do not converge", capacity),
                    reachability);
        }
    }

    private static Integer liveRank(NodeView n) {
        return n.stale() ? null : n.graphRank();
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
