package com.satrank.pipeline.scoring;

import com.satrank.model.ScoringParams;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScoringParamsTest {
    @Test
    void defaults_are_the_documented_ones() {
        assertThat(ScoringParams.DEFAULT.prior()).isEqualTo(1.5);
        assertThat(ScoringParams.DEFAULT.timeConstantDays()).isEqualTo(7);
        assertThat(ScoringParams.DEFAULT.evidenceHorizonMs()).isEqualTo(70L * 24 * 3600 * 1000);
    }

    @Test
    void out_of_range_or_fractional_values_are_refused() {
        assertThatThrownBy(() -> new ScoringParams(0, Duration.ofDays(7))).hasMessageContaining("prior");
        assertThatThrownBy(() -> new ScoringParams(Double.NaN, Duration.ofDays(7))).hasMessageContaining("prior");
        assertThatThrownBy(() -> new ScoringParams(1, Duration.ofHours(36))).hasMessageContaining("whole days");
        assertThatThrownBy(() -> new ScoringParams(1, Duration.ofDays(366))).hasMessageContaining("whole days");
    }

    @Test
    void a_shorter_time_constant_forgets_faster() {
        var e = new com.satrank.pipeline.evidence.NodeEvidence();
        long t = 1_800_000_000_000L;
        for (int i = 0; i < 20; i++) {
            e.add(com.satrank.pipeline.evidence.EvidenceSource.PROBE, t, true);
        }
        long weekLater = t + Duration.ofDays(7).toMillis();
        double slow = BayesianScorer.score(e, weekLater, ScoringParams.DEFAULT).nObs();
        double fast = BayesianScorer.score(e, weekLater, new ScoringParams(1.5, Duration.ofDays(1))).nObs();
        assertThat(slow).isGreaterThan(20 * 0.35);
        assertThat(fast).isLessThan(20 * 0.001);
    }
}
