package com.satrank.pipeline.scoring;

/**
 * The reference's composite 0–100 for Lightning nodes (original-scoring.md §3.1) with DESIGN §6.3's
 * changes: centrality is the mean of the PageRank and betweenness percentiles, seniority counts from
 * our first sighting, fee stability and capacity trend come from our own snapshots, and regularity
 * and routing quality from our payment probes (uptime, latency, route length) instead of LND's local
 * route estimates. The reference's multipliers (verified-transaction bonus, probe penalty) are not
 * applied: payment outcomes already drive the posterior, and counting them twice would make the
 * composite echo p_success. Pure; formulas and a worked example in docs/scoring.md.
 */
public final class CompositeScorer {
    static final double W_VOLUME = 0.25;
    static final double W_REPUTATION = 0.30;
    static final double W_SENIORITY = 0.15;
    static final double W_REGULARITY = 0.15;
    static final double W_DIVERSITY = 0.15;
    private static final double DAY_MS = 86_400_000.0;
    private static final int MIN_SAMPLES = 3;

    private CompositeScorer() {
    }

    public static CompositeScore score(CompositeInput in) {
        double btc = in.capacitySat() / 1e8;
        int volume = volume(in.channels(), btc);
        int seniority = seniority(in.asOfMs() - in.firstSeenMs());
        int regularity = regularity(in);
        int diversity = diversity(in.peers(), btc);
        Integer centrality = in.activeChannels() > 0
                ? (int) Math.round((in.pagerankPercentile() + in.betweennessPercentile()) / 2) : null;
        Integer peerTrust = in.capacitySat() > 0 && in.channels() > 0
                ? (int) Math.min(100, Math.round(Math.log10(btc / in.channels() * 100 + 1) / Math.log10(201) * 100))
                : null;
        int routing = routingQuality(in.deliveries());
        int trend = capacityTrend(in.capacitySat(), in.capacityWeekBeforeSat());
        int fees = feeStability(in.feeChanges7d(), in.channels());
        int reputation = reputation(centrality, peerTrust, routing, trend, fees);
        double total = W_VOLUME * volume + W_REPUTATION * reputation + W_SENIORITY * seniority
                + W_REGULARITY * regularity + W_DIVERSITY * diversity;
        double score = Math.round(Math.max(0, Math.min(100, total)) * 100) / 100.0;
        return new CompositeScore(score, volume, reputation, seniority, regularity, diversity, centrality, peerTrust,
                routing, trend, fees);
    }

    static int volume(int channels, double btc) {
        if (channels == 0) {
            return 0;
        }
        double byChannels = Math.min(100, Math.log(channels + 1) / Math.log(501) * 100);
        double byCapacity = btc > 0 ? Math.min(100, Math.log(btc + 1) / Math.log(51) * 100) : 0;
        return (int) Math.round(0.5 * byChannels + 0.5 * byCapacity);
    }

    static int seniority(long ageMs) {
        double days = ageMs / DAY_MS;
        return days <= 0 ? 0 : (int) Math.round(100 * (1 - Math.exp(-days / 730)));
    }

    static int regularity(CompositeInput in) {
        long attempts = in.probeSuccesses7d() + in.probeFailures7d();
        if (attempts < MIN_SAMPLES) {
            double days = (in.asOfMs() - in.lastUpdateS() * 1000.0) / DAY_MS;
            return days <= 0 ? 100 : (int) Math.min(100, Math.round(100 * Math.exp(-days / 90)));
        }
        double uptime = (double) in.probeSuccesses7d() / attempts;
        long[] d = in.deliveries();
        double latencyConsistency = 0.5;
        double hopStability = 0.5;
        if (d[0] >= MIN_SAMPLES) {
            double meanLatency = (double) d[1] / d[0];
            latencyConsistency = meanLatency <= 0 ? 1.0 : Math.exp(-stdDev(d[0], d[1], d[2]) / meanLatency);
            hopStability = 1 - Math.min(1, stdDev(d[0], d[3], d[4]) / 3);
        }
        return (int) Math.min(100, Math.round(70 * uptime + 20 * latencyConsistency + 10 * hopStability));
    }

    static int diversity(int peers, double btc) {
        if (peers > 0) {
            return (int) Math.min(100, Math.round(Math.log(peers + 1) / Math.log(501) * 100));
        }
        return btc > 0 ? (int) Math.min(100, Math.round(Math.log10(btc * 10 + 1) / Math.log10(1001) * 100)) : 0;
    }

    static int routingQuality(long[] d) {
        if (d[0] < MIN_SAMPLES) {
            return 50;
        }
        double meanHops = (double) d[3] / d[0];
        double meanLatency = (double) d[1] / d[0];
        long hopScore = Math.max(4, Math.round(100 - (meanHops - 1) * 12));
        long latencyScore = Math.max(0, Math.round(100 - meanLatency / 3));
        return (int) Math.round(0.6 * hopScore + 0.4 * latencyScore);
    }

    static int capacityTrend(long capacitySat, long weekBeforeSat) {
        if (weekBeforeSat <= 0) {
            return 50;
        }
        double delta = (double) (capacitySat - weekBeforeSat) / weekBeforeSat;
        return (int) Math.round(100 / (1 + Math.exp(-6 * delta)));
    }

    static int feeStability(int changes, int channels) {
        if (channels == 0) {
            return 50;
        }
        return (int) Math.round(100 / (1 + Math.exp(1.5 * ((double) changes / channels - 2))));
    }

    static int reputation(Integer centrality, Integer peerTrust, int routing, int trend, int fees) {
        double sum = 0.20 * routing + 0.15 * trend + 0.15 * fees;
        double weights = 0.50;
        if (centrality != null) {
            sum += 0.20 * centrality;
            weights += 0.20;
        }
        if (peerTrust != null) {
            sum += 0.30 * peerTrust;
            weights += 0.30;
        }
        return (int) Math.min(100, Math.round(sum / weights));
    }

    /** Population standard deviation from exact integer sums, never negative. */
    private static double stdDev(long n, long sum, long sumSquares) {
        double mean = (double) sum / n;
        return Math.sqrt(Math.max(0, (double) sumSquares / n - mean * mean));
    }
}
