package com.satrank.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.model.amount.LiquidityCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The amount model on a world of this test's own (not lnd-sim's): reliabilities from a two-humped
 * mixture, channels log-uniform over 200 k–50 M sat, and a liquidity truth L(x) = (1 − x)² that the
 * model has never seen. It must recover the curve where probes land, cover the true reliabilities
 * with its intervals, and give the same answer twice.
 */
class AmountModelTest {
    private static final long[] TIERS = {1_000, 10_000, 100_000, 1_000_000};

    private static double truthL(double x) {
        return x >= 1 ? 0 : (1 - x) * (1 - x);
    }

    private record World(List<AmountModel.NodeInput> nodes, double[] r) {
    }

    private static World world(long seed, int n, int perTier) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AmountModel.NodeInput> nodes = new ArrayList<>();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = random.nextDouble() < 0.3 ? 0.15 + 0.3 * random.nextDouble() : 0.85 + 0.149 * random.nextDouble();
            long channel = (long) Math.pow(10, Math.log10(200_000) + random.nextDouble() * Math.log10(250));
            AmountModel.Outcomes outcomes = new AmountModel.Outcomes();
            for (long tier : TIERS) {
                if (tier >= channel) {
                    outcomes.add(tier, channel, 0, perTier);
                    continue;
                }
                double p = r[i] * truthL(tier / (double) channel);
                int successes = 0;
                for (int k = 0; k < perTier; k++) {
                    if (random.nextDouble() < p) {
                        successes++;
                    }
                }
                outcomes.add(tier, channel, successes, perTier - successes);
            }
            nodes.add(outcomes.input(i % 2, channel));
        }
        return new World(nodes, r);
    }

    @Test
    void recovers_a_liquidity_curve_it_was_not_built_on_and_covers_the_true_reliabilities() {
        World w = world(42, 800, 8);
        AmountModel.Fit fit = new AmountModel(2).fit(w.nodes());
        for (double x : new double[] {0.01, 0.05, 0.2, 0.5}) {
            long channel = 10_000_000;
            double fitted = fit.curve().at((long) (x * channel), channel);
            assertThat(fitted).as("L(%s)", x).isBetween(truthL(x) - 0.06, truthL(x) + 0.06);
            double[] band = fit.curve().band((long) (x * channel), channel);
            assertThat(truthL(x)).as("L(%s) within the curve's interval", x).isBetween(band[0], band[1]);
        }
        int covered = 0;
        double squared = 0;
        for (int i = 0; i < w.r().length; i++) {
            AmountModel.Posterior p = fit.posteriors().get(i);
            covered += w.r()[i] >= p.ci95Low() && w.r()[i] <= p.ci95High() ? 1 : 0;
            squared += (p.mean() - w.r()[i]) * (p.mean() - w.r()[i]);
        }
        assertThat(covered / (double) w.r().length).as("ci95 coverage of r").isBetween(0.92, 0.98);
        assertThat(Math.sqrt(squared / w.r().length)).as("RMS error of the posterior mean").isLessThan(0.08);
    }

    @Test
    void a_node_with_no_evidence_gets_the_fitted_prior_not_a_fixed_one() {
        World w = world(7, 400, 8);
        List<AmountModel.NodeInput> nodes = new ArrayList<>(w.nodes());
        nodes.add(new AmountModel.Outcomes().input(0, 5_000_000));
        AmountModel.Fit fit = new AmountModel(2).fit(nodes);
        AmountModel.Posterior fresh = fit.posteriors().get(nodes.size() - 1);
        double meanR = 0;
        for (double r : w.r()) {
            meanR += r / w.r().length;
        }
        assertThat(fresh.mean()).as("the population's mean reliability").isBetween(meanR - 0.06, meanR + 0.06);
        assertThat(fresh.ci95Low()).isLessThan(0.3);
        assertThat(fresh.ci95High()).isGreaterThan(0.95);
    }

    @Test
    void is_a_pure_function_of_its_input() {
        World w = world(3, 300, 4);
        AmountModel model = new AmountModel(2);
        AmountModel.Fit a = model.fit(w.nodes());
        AmountModel.Fit b = model.fit(w.nodes());
        assertThat(a.curve()).isEqualTo(b.curve());
        assertThat(a.posteriors()).isEqualTo(b.posteriors());
        assertThat(a.curve()).isNotEqualTo(LiquidityCurve.flat());
    }
}
