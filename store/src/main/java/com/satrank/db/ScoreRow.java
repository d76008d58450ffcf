package com.satrank.db;

import com.satrank.model.Verdict;

/**
 * One row of node_scores, as the pipeline writes it and the API reads it: the posterior (per-source
 * values are null when the source has no evidence), the composite with its components (centrality
 * and peer trust null when unavailable), and the node's recent activity (reachability null without
 * payment probes in the last 7 days), and the reliability posterior that answers for other amounts.
 */
public record ScoreRow(String nodeId, double pSuccess, double ci95Low, double ci95High, double nObs, Verdict verdict,
                       boolean converged, Double probePSuccess, Double probeCi95Low, Double probeCi95High,
                       Double probeNObs, Double routePSuccess, Double routeCi95Low, Double routeCi95High,
                       Double routeNObs, Double reportPSuccess, Double reportCi95Low, Double reportCi95High,
                       Double reportNObs, long lastEvidenceMs, double score, int volume, int reputation,
                       int seniority, int regularity, int diversity, Integer centrality, Integer peerTrust,
                       int routingQuality, int capacityTrend, int feeStability, long activity24h, long activity7d,
                       long activity30d, String riskProfile, Double reachability,
                       int timeConstantDays, double reliability, double reliabilityCi95Low,
                       double reliabilityCi95High, long maxChannelSat, int otherSourcesAgreeing) {
    /**
     * This row as the answer for a payment of {@code amountSat}: p_success, ci95, convergence and
     * verdict for that amount; everything else (the per-source posteriors, the composite) unchanged.
     * The base amount is the row itself. A row written before the amount model existed
     * ({@code maxChannelSat} &lt; 0) answers only for the base amount, until the pipeline rewrites it.
     */
    public ScoreRow atAmount(long amountSat, com.satrank.model.amount.LiquidityCurve curve) {
        if (amountSat == com.satrank.model.amount.NodeReliability.DEFAULT_AMOUNT_SAT || maxChannelSat < 0) {
            return this;
        }
        var a = reliabilityPosterior().at(amountSat, curve);
        return new ScoreRow(nodeId, a.pSuccess(), a.ci95Low(), a.ci95High(), nObs, a.verdict(), a.converged(),
                probePSuccess, probeCi95Low, probeCi95High, probeNObs, routePSuccess, routeCi95Low, routeCi95High,
                routeNObs, reportPSuccess, reportCi95Low, reportCi95High, reportNObs, lastEvidenceMs, score, volume,
                reputation, seniority, regularity, diversity, centrality, peerTrust, routingQuality, capacityTrend,
                feeStability, activity24h, activity7d, activity30d, riskProfile, reachability, timeConstantDays,
                reliability, reliabilityCi95Low, reliabilityCi95High, maxChannelSat, otherSourcesAgreeing);
    }

    /** What answers for any amount (the row's own p_success is the answer for the base amount). */
    public com.satrank.model.amount.NodeReliability reliabilityPosterior() {
        return new com.satrank.model.amount.NodeReliability(reliability, reliabilityCi95Low, reliabilityCi95High, nObs,
                maxChannelSat, otherSourcesAgreeing);
    }
}
