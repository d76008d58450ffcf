package com.satrank.app.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.satrank.app.calibration.CalibrationMetrics.Judged;
import com.satrank.model.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {
    @Test
    void ece_weighs_each_bins_gap_by_its_share_of_the_nodes() {
        // bin [0.9, 1.0): p 0.95 twice, truth 0.85 and 0.95 → gap 0.05; bin [0.1, 0.2): p 0.15, truth 0.45 → gap 0.30
        var r = CalibrationMetrics.of(List.of(
                new Judged(0.95, 0.9, 0.99, Verdict.UNKNOWN, 0.85),
                new Judged(0.95, 0.9, 0.99, Verdict.UNKNOWN, 0.95),
                new Judged(0.15, 0.1, 0.2, Verdict.UNKNOWN, 0.45)));
        assertThat(r.ece()).isCloseTo(2.0 / 3 * 0.05 + 1.0 / 3 * 0.30, within(1e-12));
        assertThat(r.diagram().get(9).count()).isEqualTo(2);
        assertThat(r.diagram().get(9).meanTruth()).isCloseTo(0.90, within(1e-12));
        assertThat(r.diagram().get(5).count()).isZero();
        assertThat(r.ci95Coverage()).as("0.95 and 0.45 lie outside their intervals").isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void precision_counts_safe_at_or_above_0_8_and_risky_at_or_below_0_5_and_flags_safe_zeros() {
        var r = CalibrationMetrics.of(List.of(
                new Judged(0.9, 0.8, 0.95, Verdict.SAFE, 0.8),
                new Judged(0.9, 0.8, 0.95, Verdict.SAFE, 0.0),
                new Judged(0.2, 0.0, 0.3, Verdict.RISKY, 0.5),
                new Judged(0.2, 0.0, 0.3, Verdict.RISKY, 0.51),
                new Judged(0.2, 0.0, 0.3, Verdict.RISKY, 0.1),
                new Judged(0.6, 0.3, 0.9, Verdict.INSUFFICIENT, 0.6)));
        assertThat(r.safeCount()).isEqualTo(2);
        assertThat(r.safePrecision()).isEqualTo(0.5);
        assertThat(r.safeWithZeroTruth()).isEqualTo(1);
        assertThat(r.riskyCount()).isEqualTo(3);
        assertThat(r.riskyPrecision()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void a_structural_zero_answering_0_0_covers_a_truth_of_0_and_no_verdict_means_no_precision() {
        var r = CalibrationMetrics.of(List.of(new Judged(0.0, 0.0, 0.0, Verdict.RISKY, 0.0),
                new Judged(0.0, 0.0, 0.0, Verdict.INSUFFICIENT, 0.02)));
        assertThat(r.ci95Coverage()).isEqualTo(0.5);
        assertThat(r.safePrecision()).isNull();
        assertThat(r.safeCount()).isZero();
        assertThat(r.ece()).isCloseTo(0.01, within(1e-12));
    }
}
