package com.satrank.model.amount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.satrank.model.Verdict;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The liquidity curve, a node's answer for an amount, and the verdict ladder: plain arithmetic. */
class AmountAnswerTest {
    /** A curve falling linearly over the bins from 1 (pinned part) to 0.2 in the last bin. */
    private static LiquidityCurve falling() {
        double[] v = new double[LiquidityCurve.BINS];
        for (int b = 0; b < v.length; b++) {
            v[b] = LiquidityCurve.pinned(b) ? 1.0 : 1.0 - 0.8 * (b - 13) / (double) (LiquidityCurve.BINS - 14);
        }
        return new LiquidityCurve(v);
    }

    @Test
    void a_curve_must_not_rise_and_stays_within_zero_and_one() {
        double[] rising = new double[LiquidityCurve.BINS];
        Arrays.fill(rising, 0.5);
        rising[20] = 0.6;
        assertThatThrownBy(() -> new LiquidityCurve(rising)).isInstanceOf(IllegalArgumentException.class);
        double[] above = new double[LiquidityCurve.BINS];
        Arrays.fill(above, 1.2);
        assertThatThrownBy(() -> new LiquidityCurve(above)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiquidityCurve(new double[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothing_at_or_above_the_largest_channel_and_everything_below_it_on_a_flat_curve() {
        LiquidityCurve flat = LiquidityCurve.flat();
        assertThat(flat.at(999_999, 1_000_000)).isGreaterThan(0);
        assertThat(flat.at(1_000_000, 1_000_000)).isZero();
        assertThat(flat.at(5, 0)).as("no enabled channel").isZero();
        assertThat(flat.at(1_000, 100_000_000)).isEqualTo(1.0);
    }

    @Test
    void liquidity_falls_with_the_amount_and_its_band_brackets_it() {
        LiquidityCurve curve = falling();
        long channel = 10_000_000;
        double previous = 1.0;
        for (long amount = 1_000; amount < channel; amount *= 3) {
            double l = curve.at(amount, channel);
            double[] band = curve.band(amount, channel);
            assertThat(l).isLessThanOrEqualTo(previous + 1e-12);
            assertThat(band[0]).isLessThanOrEqualTo(l + 1e-12);
            assertThat(band[1]).isGreaterThanOrEqualTo(l - 1e-12);
            previous = l;
        }
        assertThat(curve.at(1_000, channel)).as("0.01 % of the channel is in the pinned part").isEqualTo(1.0);
        assertThat(curve.at(5_000_000, channel)).isLessThan(0.5);
    }

    @Test
    void a_node_without_an_enabled_channel_is_a_certain_zero_and_risky_whatever_its_history() {
        NodeReliability history = new NodeReliability(0.97, 0.93, 0.99, 80, 0, 2);
        NodeReliability.AmountAnswer a = history.at(1_000, LiquidityCurve.flat());
        assertThat(a.pSuccess()).isZero();
        assertThat(a.ci95Low()).isZero();
        assertThat(a.ci95High()).as("the interval covers 0").isZero();
        assertThat(a.cannotCarry()).isTrue();
        assertThat(a.verdict()).isEqualTo(Verdict.RISKY);
    }

    @Test
    void a_good_node_is_safe_for_small_payments_and_not_for_what_its_channels_cannot_carry() {
        NodeReliability good = new NodeReliability(0.96, 0.91, 0.99, 60, 2_000_000, 1);
        LiquidityCurve curve = falling();
        NodeReliability.AmountAnswer small = good.at(1_000, curve);
        assertThat(small.pSuccess()).isCloseTo(0.96, within(1e-9));
        assertThat(small.verdict()).isEqualTo(Verdict.SAFE);
        NodeReliability.AmountAnswer large = good.at(1_500_000, curve);
        assertThat(large.pSuccess()).isLessThan(small.pSuccess());
        assertThat(large.ci95Low()).isLessThanOrEqualTo(large.pSuccess());
        assertThat(large.ci95High()).isGreaterThanOrEqualTo(large.pSuccess());
        assertThat(large.verdict()).isNotEqualTo(Verdict.SAFE);
        assertThat(good.at(2_000_000, curve).verdict()).isEqualTo(Verdict.RISKY);
    }

    @Test
    void the_ladder_needs_evidence_agreement_and_a_tight_interval_for_safe() {
        assertThat(VerdictLadder.judge(0.95, 0.90, 0.99, 4, true, false)).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(VerdictLadder.judge(0.95, 0.90, 0.99, 20, true, false)).isEqualTo(Verdict.SAFE);
        assertThat(VerdictLadder.judge(0.95, 0.90, 0.99, 20, false, false)).as("not converged").isEqualTo(Verdict.UNKNOWN);
        assertThat(VerdictLadder.judge(0.95, 0.90, 0.99, 9, true, false)).as("too few for SAFE").isEqualTo(Verdict.UNKNOWN);
        assertThat(VerdictLadder.judge(0.30, 0.20, 0.45, 20, false, false)).isEqualTo(Verdict.RISKY);
        assertThat(VerdictLadder.judge(0.60, 0.20, 0.90, 20, false, false)).as("wide").isEqualTo(Verdict.UNKNOWN);
        assertThat(VerdictLadder.judge(0.95, 0.90, 0.99, 0, true, true)).isEqualTo(Verdict.RISKY);
    }

    @Test
    void a_knot_sits_where_its_bin_was_observed_and_the_curve_interpolates_between_knots() {
        double[] knots = new double[LiquidityCurve.BINS];
        double[] values = new double[LiquidityCurve.BINS];
        for (int b = 0; b < knots.length; b++) {
            knots[b] = LiquidityCurve.centre(b);
            values[b] = b < 20 ? 1.0 : 0.5;
        }
        knots[20] = LiquidityCurve.centre(20) - 0.1;
        LiquidityCurve curve = new LiquidityCurve(knots, values, values, values);
        assertThat(curve.atZ(knots[20])).isEqualTo(0.5);
        assertThat(curve.atZ((knots[19] + knots[20]) / 2)).isCloseTo(0.75, within(1e-12));
        assertThat(curve.atZ(LiquidityCurve.centre(29) + 3)).as("level past the last knot, up to the channel").isEqualTo(0.5);
        double[] outside = knots.clone();
        outside[20] = LiquidityCurve.centre(21);
        assertThatThrownBy(() -> new LiquidityCurve(outside, values, values, values))
                .isInstanceOf(IllegalArgumentException.class);
        double[] above = values.clone();
        above[25] = 0.6;
        assertThatThrownBy(() -> new LiquidityCurve(knots, values, above, values))
                .as("a lower bound above the value").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void z_is_log10_x_for_small_amounts_and_stretches_near_the_channel_size() {
        assertThat(LiquidityCurve.z(1_000, 100_000_000)).isCloseTo(-5.0, within(1e-4));
        assertThat(LiquidityCurve.z(500_000, 1_000_000)).isCloseTo(0.0, within(1e-12));
        assertThat(LiquidityCurve.ratio(LiquidityCurve.z(900_000, 1_000_000))).isCloseTo(0.9, within(1e-12));
        assertThat(LiquidityCurve.bin(LiquidityCurve.z(990_000, 1_000_000))).isEqualTo(LiquidityCurve.BINS - 1);
    }

    @Test
    void the_interval_widens_with_the_curves_own_uncertainty_but_less_than_the_product_of_both_ends() {
        double[] values = falling().values();
        double[] lows = values.clone();
        double[] highs = values.clone();
        for (int b = 20; b < values.length; b++) {
            lows[b] = values[b] * 0.5;
            highs[b] = Math.min(values[b - 1], values[b] * 1.5);
        }
        double[] knots = new double[values.length];
        for (int b = 0; b < knots.length; b++) {
            knots[b] = LiquidityCurve.centre(b);
        }
        LiquidityCurve known = new LiquidityCurve(values);
        LiquidityCurve uncertain = new LiquidityCurve(knots, values, lows, highs);
        NodeReliability node = new NodeReliability(0.90, 0.80, 0.96, 40, 2_000_000, 1);
        long amount = 1_000_000; // z = 0: bin 24, where the curve is uncertain
        NodeReliability.AmountAnswer narrow = node.at(amount, known);
        NodeReliability.AmountAnswer wide = node.at(amount, uncertain);
        assertThat(wide.pSuccess()).isEqualTo(narrow.pSuccess());
        assertThat(wide.ci95Low()).isLessThan(narrow.ci95Low());
        assertThat(wide.ci95High()).isGreaterThan(narrow.ci95High());
        double[] band = uncertain.band(amount, 2_000_000);
        assertThat(wide.ci95Low()).as("not both ends at once").isGreaterThan(0.80 * band[0]);
        assertThat(wide.ci95High()).isLessThan(0.96 * band[1]);
        assertThat(wide.ci95Low()).isLessThanOrEqualTo(0.80 * uncertain.at(amount, 2_000_000));
    }
}
