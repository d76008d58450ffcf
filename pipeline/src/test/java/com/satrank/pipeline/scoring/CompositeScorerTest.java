package com.satrank.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompositeScorerTest {
    private static final long DAY = 86_400_000L;
    private static final long NOW = 400 * DAY;

    private static CompositeInput input(int channels, long capacitySat, int peers, long ageDays, int feeChanges,
                                        long weekBefore, long ok, long failed, long[] deliveries) {
        return new CompositeInput(NOW, channels, channels, capacitySat, peers, 80.0, 60.0, NOW - ageDays * DAY,
                NOW / 1000 - 3600, feeChanges, weekBefore, ok, failed, deliveries);
    }

    /** The worked example of docs/scoring.md. */
    @Test
    void the_worked_example_adds_up() {
        // 20 channels, 0.5 BTC, 15 peers, seen 365 days, 10 fee changes, capacity 0.4 BTC a week ago,
        // 9 of 10 payment probes delivered: latency 100/120/140 ms, 2/3/4 hops.
        long[] deliveries = {3, 360, 100 * 100 + 120 * 120 + 140 * 140, 9, 4 + 9 + 16};
        CompositeScore s = CompositeScorer.score(input(20, 50_000_000, 15, 365, 10, 40_000_000, 9, 1, deliveries));
        assertThat(s.volume()).isEqualTo(30);      // 0.5·48.97 + 0.5·10.31
        assertThat(s.seniority()).isEqualTo(39);   // 100·(1 − e^(−365/730))
        assertThat(s.regularity()).isEqualTo(88);  // 70·0.9 + 20·e^(−16.33/120) + 10·(1 − 0.816/3)
        assertThat(s.diversity()).isEqualTo(45);   // ln 16 / ln 501
        assertThat(s.centrality()).isEqualTo(70);  // (80 + 60) / 2
        assertThat(s.peerTrust()).isEqualTo(24);   // log10(0.025·100 + 1) / log10 201
        assertThat(s.routingQuality()).isEqualTo(70); // 0.6·76 + 0.4·60
        assertThat(s.capacityTrend()).isEqualTo(82);  // 100 / (1 + e^(−6·0.25))
        assertThat(s.feeStability()).isEqualTo(90);   // 100 / (1 + e^(1.5·(0.5 − 2)))
        assertThat(s.reputation()).isEqualTo(61);     // .2·70 + .3·24 + .2·70 + .15·82 + .15·90
        assertThat(s.score()).isEqualTo(51.6);        // .25·30 + .30·61 + .15·39 + .15·88 + .15·45
    }

    @Test
    void a_node_without_channels_has_no_volume_and_no_centrality_or_peer_trust() {
        CompositeScore s = CompositeScorer.score(new CompositeInput(NOW, 0, 0, 0, 0, 0, 0, NOW, NOW / 1000, 0, -1, 0,
                0, new long[5]));
        assertThat(s.volume()).isZero();
        assertThat(s.centrality()).isNull();
        assertThat(s.peerTrust()).isNull();
        assertThat(s.seniority()).isZero();
        // reputation renormalises over routing 50, trend 50, fees 50
        assertThat(s.reputation()).isEqualTo(50);
        assertThat(s.regularity()).isEqualTo(100); // gossip fresh, fewer than 3 probes
    }

    @Test
    void failed_probes_lower_regularity_and_fee_churn_lowers_reputation() {
        long[] d = {3, 300, 30_000, 6, 12};
        CompositeScore steady = CompositeScorer.score(input(10, 10_000_000, 10, 100, 0, 10_000_000, 10, 0, d));
        CompositeScore flaky = CompositeScorer.score(input(10, 10_000_000, 10, 100, 0, 10_000_000, 3, 7, d));
        CompositeScore churning = CompositeScorer.score(input(10, 10_000_000, 10, 100, 40, 10_000_000, 10, 0, d));
        assertThat(flaky.regularity()).isLessThan(steady.regularity());
        assertThat(churning.feeStability()).isLessThan(steady.feeStability());
        assertThat(churning.reputation()).isLessThan(steady.reputation());
    }

    @Test
    void fee_stability_and_capacity_trend_follow_the_reference_curves() {
        assertThat(CompositeScorer.feeStability(0, 1)).isEqualTo(95);
        assertThat(CompositeScorer.feeStability(1, 1)).isEqualTo(82);
        assertThat(CompositeScorer.feeStability(2, 1)).isEqualTo(50);
        assertThat(CompositeScorer.feeStability(3, 1)).isEqualTo(18);
        assertThat(CompositeScorer.capacityTrend(100, -1)).isEqualTo(50);
        assertThat(CompositeScorer.capacityTrend(100, 100)).isEqualTo(50);
        assertThat(CompositeScorer.capacityTrend(50, 100)).isLessThan(10);
    }

    @Test
    void regularity_falls_back_to_gossip_recency_with_fewer_than_three_probes() {
        CompositeInput old = new CompositeInput(NOW, 1, 1, 1_000_000, 1, 50, 50, 0, (NOW - 90 * DAY) / 1000, 0, -1,
                1, 0, new long[5]);
        assertThat(CompositeScorer.regularity(old)).isEqualTo(37); // 100·e^(−1)
    }
}
