package com.satrank.pipeline.scoring;

import com.satrank.model.amount.LiquidityCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The amount-aware model behind p_success (docs/scoring.md §4). The chance that a payment of a
 * sat reaches node i is r_i · L(a / C_i): r_i the node's reliability for small payments, C_i its
 * largest enabled channel in the latest snapshot, L the liquidity curve. Everything is learned at
 * each pass from the evidence of all nodes, with no assumed shape beyond "L does not rise with the
 * amount":
 * <ul>
 * <li>r_i has a grid posterior (100 cells) from the decayed successes and failures of every probe
 *     tier and the reports, each observation at its own L;</li>
 * <li>its prior is an empirical-Bayes prior: the smoothed nonparametric maximum-likelihood mixing
 *     distribution of r across the nodes of its graph stratum (staleness × enabled-channel count),
 *     shrunk toward the one of all nodes, so a node's first observations are read against what nodes
 *     like it turned out to be;</li>
 * <li>L is fitted per bin of z = log10(x / (1 − x)), x = a / C, by maximising the expected log-likelihood under the
 *     nodes' posteriors, made non-increasing by pool-adjacent-violators, and alternates with the
 *     posteriors a few rounds (EM).</li>
 * </ul>
 * A pure function of its input, computed in a fixed order: replay equals live.
 */
public final class AmountModel {
    static final int GRID = 100;
    /** In the likelihood no observation is read at a liquidity below this: a success there would say r is above 1. */
    static final double LIKELIHOOD_FLOOR = 0.02;
    static final int ROUNDS = 4;
    static final int EM_ITERATIONS = 100;
    /** A stratum's prior weighs the all-node prior as this many nodes of its own. */
    static final double SHRINK_NODES = 30;
    /**
     * Share of the prior spread evenly, so that no value of r is ever ruled out before evidence. 1 %
     * made the first hour's intervals too wide once the curve's own uncertainty joined them (coverage
     * 96.5–98.1 % at 1 h on five seeds); 0.2 % gave 93.3–97.2 %.
     */
    static final double UNIFORM_SHARE = 0.002;

    private static final double[] R = new double[GRID];

    static {
        for (int k = 0; k < GRID; k++) {
            R[k] = (k + 0.5) / GRID;
        }
    }

    /**
     * One node's input: its stratum, its largest enabled channel now, and its decayed successes and
     * failures per curve bin, each outcome in the bin of its amount against the channel the node had
     * when it was observed ({@link LiquidityCurve#BINS} long), and where in the bin they lay (the
     * mean z of its outcomes there). {@code nObs} counts every outcome, also those of amounts its
     * channels could not carry then, which say nothing of r.
     */
    public record NodeInput(int stratum, long maxChannelSat, double[] successes, double[] failures, double[] z,
                            double nObs) {
        public NodeInput {
            if (successes.length != LiquidityCurve.BINS || failures.length != LiquidityCurve.BINS
                    || z.length != LiquidityCurve.BINS) {
                throw new IllegalArgumentException("one count per curve bin");
            }
        }

        boolean informative() {
            for (int b = 0; b < successes.length; b++) {
                if (successes[b] + failures[b] > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One node's outcomes gathered into curve bins, each at its amount against the largest enabled
     * channel the node had when it was observed, with the mean z of each bin's outcomes.
     */
    public static final class Outcomes {
        private final double[] successes = new double[LiquidityCurve.BINS];
        private final double[] failures = new double[LiquidityCurve.BINS];
        private final double[] zSum = new double[LiquidityCurve.BINS];
        private double nObs;

        /** Decayed outcomes of payments of {@code amountSat}; one the channel could not carry then says nothing of r. */
        public void add(long amountSat, long channelSat, double successes, double failures) {
            nObs += successes + failures;
            if (successes + failures == 0 || channelSat <= amountSat) {
                return;
            }
            double z = LiquidityCurve.z(amountSat, channelSat);
            int bin = Math.max(0, LiquidityCurve.bin(z));
            this.successes[bin] += successes;
            this.failures[bin] += failures;
            zSum[bin] += (successes + failures) * Math.max(z, LiquidityCurve.MIN_Z);
        }

        public NodeInput input(int stratum, long maxChannelSat) {
            double[] z = new double[LiquidityCurve.BINS];
            for (int b = 0; b < z.length; b++) {
                double n = successes[b] + failures[b];
                z[b] = n > 0 ? zSum[b] / n : LiquidityCurve.centre(b);
            }
            return new NodeInput(stratum, maxChannelSat, successes.clone(), failures.clone(), z, nObs);
        }
    }

    /** A node's reliability posterior: mean and 95 % interval of r. */
    public record Posterior(double mean, double ci95Low, double ci95High, double nObs) {
    }

    public record Fit(LiquidityCurve curve, List<Posterior> posteriors) {
    }

    private final int strata;

    public AmountModel(int strata) {
        this.strata = strata;
    }

    public Fit fit(List<NodeInput> nodes) {
        int n = nodes.size();
        boolean[] informative = new boolean[n];
        for (int i = 0; i < n; i++) {
            informative[i] = nodes.get(i).informative();
        }
        LiquidityCurve curve = LiquidityCurve.flat();
        double[][] lik = new double[n][];
        double[] global = uniform();
        double[][] priors = new double[strata][];
        double[][] post = new double[n][];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < n; i++) {
                lik[i] = likelihood(nodes.get(i), curve);
            }
            // Each round starts where the last ended: EM for a mixing distribution creeps, and a prior
            // stopped short of its maximum is wider than the nodes are, so its intervals over-cover.
            global = mixing(lik, informative, nodes, -1, global, uniform(), 0);
            for (int s = 0; s < strata; s++) {
                priors[s] = mixing(lik, informative, nodes, s, priors[s] == null ? global : priors[s], global,
                        SHRINK_NODES);
            }
            for (int i = 0; i < n; i++) {
                post[i] = posterior(priors[nodes.get(i).stratum()], lik[i]);
            }
            curve = liquidity(nodes, post, informative);
        }
        for (int i = 0; i < n; i++) {
            lik[i] = likelihood(nodes.get(i), curve);
            post[i] = posterior(priors[nodes.get(i).stratum()], lik[i]);
        }
        List<Posterior> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(summary(post[i], nodes.get(i).nObs()));
        }
        return new Fit(curve, out);
    }

    /** The likelihood of each grid value of r, scaled so its largest is 1. */
    private static double[] likelihood(NodeInput node, LiquidityCurve curve) {
        double[] log = new double[GRID];
        for (int b = 0; b < LiquidityCurve.BINS; b++) {
            double s = node.successes()[b];
            double f = node.failures()[b];
            if (s + f == 0) {
                continue;
            }
            double l = Math.max(LIKELIHOOD_FLOOR, curve.atZ(node.z()[b]));
            for (int k = 0; k < GRID; k++) {
                double p = R[k] * l;
                log[k] += s * Math.log(p) + f * Math.log1p(-p);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double[] lik = new double[GRID];
        for (int k = 0; k < GRID; k++) {
            lik[k] = Math.exp(log[k] - max);
        }
        return lik;
    }

    /**
     * The smoothed NPMLE of the mixing distribution of r over the informative nodes of {@code stratum}
     * (all when -1), shrunk toward {@code toward} with the weight of {@code shrinkNodes} nodes.
     */
    private double[] mixing(double[][] lik, boolean[] informative, List<NodeInput> nodes, int stratum,
                            double[] start, double[] toward, double shrinkNodes) {
        int members = 0;
        for (int i = 0; i < lik.length; i++) {
            if (informative[i] && (stratum < 0 || nodes.get(i).stratum() == stratum)) {
                members++;
            }
        }
        if (members == 0) {
            return toward.clone();
        }
        double[] g = start.clone();
        for (int it = 0; it < EM_ITERATIONS; it++) {
            double[] next = new double[GRID];
            for (int i = 0; i < lik.length; i++) {
                if (!informative[i] || stratum >= 0 && nodes.get(i).stratum() != stratum) {
                    continue;
                }
                double z = 0;
                for (int k = 0; k < GRID; k++) {
                    z += g[k] * lik[i][k];
                }
                if (z <= 0) {
                    continue;
                }
                for (int k = 0; k < GRID; k++) {
                    next[k] += g[k] * lik[i][k] / z;
                }
            }
            for (int k = 0; k < GRID; k++) {
                next[k] = (next[k] + shrinkNodes * toward[k]) / (members + shrinkNodes);
            }
            g = smooth(next);
        }
        return g;
    }

    /** One pass of a [1 2 1]/4 kernel and a little uniform mass: keeps the NPMLE from collapsing onto spikes. */
    private static double[] smooth(double[] g) {
        double[] out = new double[GRID];
        double total = 0;
        for (int k = 0; k < GRID; k++) {
            double left = g[Math.max(0, k - 1)];
            double right = g[Math.min(GRID - 1, k + 1)];
            out[k] = 0.25 * left + 0.5 * g[k] + 0.25 * right;
            total += out[k];
        }
        for (int k = 0; k < GRID; k++) {
            out[k] = (1 - UNIFORM_SHARE) * out[k] / total + UNIFORM_SHARE / GRID;
        }
        return out;
    }

    private static double[] posterior(double[] prior, double[] lik) {
        double[] p = new double[GRID];
        double z = 0;
        for (int k = 0; k < GRID; k++) {
            p[k] = prior[k] * lik[k];
            z += p[k];
        }
        if (z <= 0) {
            return prior.clone();
        }
        for (int k = 0; k < GRID; k++) {
            p[k] /= z;
        }
        return p;
    }

    /** The M step for L: per bin the value maximising the expected log-likelihood, then made monotone. */
    private static LiquidityCurve liquidity(List<NodeInput> nodes, double[][] post, boolean[] informative) {
        int nb = LiquidityCurve.BINS;
        double[] successes = new double[nb];
        double[] weight = new double[nb];
        double[] zSum = new double[nb];
        double[][] failuresAt = new double[nb][GRID];
        for (int i = 0; i < nodes.size(); i++) {
            if (!informative[i]) {
                continue;
            }
            NodeInput node = nodes.get(i);
            for (int b = 0; b < nb; b++) {
                double s = node.successes()[b];
                double f = node.failures()[b];
                if (s + f == 0 || LiquidityCurve.pinned(b)) {
                    continue;
                }
                successes[b] += s;
                weight[b] += s + f;
                zSum[b] += (s + f) * node.z()[b];
                for (int k = 0; k < GRID; k++) {
                    failuresAt[b][k] += post[i][k] * f;
                }
            }
        }
        double[] value = new double[nb];
        double[] knots = new double[nb];
        double[] low = new double[nb];
        double[] high = new double[nb];
        boolean[] has = new boolean[nb];
        for (int b = 0; b < nb; b++) {
            knots[b] = weight[b] > 0 && !LiquidityCurve.pinned(b) ? zSum[b] / weight[b] : LiquidityCurve.centre(b);
            low[b] = 0;
            high[b] = 1;
            if (LiquidityCurve.pinned(b)) {
                value[b] = 1.0;
                low[b] = 1.0;
                weight[b] = Double.POSITIVE_INFINITY;
                has[b] = true;
            } else if (weight[b] > 0) {
                value[b] = maximise(successes[b], failuresAt[b]);
                low[b] = likelihoodBound(successes[b], failuresAt[b], value[b], 0);
                high[b] = likelihoodBound(successes[b], failuresAt[b], value[b], 1);
                has[b] = true;
            }
        }
        double[] curve = fillGaps(PoolAdjacentViolators.nonIncreasing(value, weight, has), has);
        return new LiquidityCurve(knots, curve, monotoneLower(low, curve), monotoneUpper(high, curve));
    }

    /** Half the 95 % chi-square quantile with one degree of freedom: the likelihood-ratio interval's drop. */
    private static final double LR_DROP = 1.920729;

    /**
     * The end, toward {@code limit}, of the 95 % likelihood-ratio interval of a bin's L. Where few
     * payments were tried or few passed (the far end of the curve) it is wide, and the answers there
     * carry it; a value fitted from three successes is barely known at all.
     */
    static double likelihoodBound(double successes, double[] failuresAt, double best, double limit) {
        double top = logLikelihood(best, successes, failuresAt);
        if (top - logLikelihood(limit, successes, failuresAt) <= LR_DROP) {
            return limit;
        }
        double inside = best;
        double outside = limit;
        for (int it = 0; it < 50; it++) {
            double mid = 0.5 * (inside + outside);
            if (top - logLikelihood(mid, successes, failuresAt) <= LR_DROP) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return 0.5 * (inside + outside);
    }

    private static double logLikelihood(double l, double successes, double[] failuresAt) {
        double v = successes > 0 ? successes * Math.log(l) : 0;
        for (int k = 0; k < GRID; k++) {
            v += failuresAt[k] * Math.log1p(-R[k] * l);
        }
        return v;
    }

    /**
     * Lower bounds made non-increasing from the right: L never rises, so a bin is at least as high
     * as any bin after it can be; a bin without evidence gets that and nothing more.
     */
    private static double[] monotoneLower(double[] low, double[] curve) {
        double[] out = new double[low.length];
        double floor = 0;
        for (int b = low.length - 1; b >= 0; b--) {
            floor = Math.max(floor, low[b]);
            out[b] = Math.min(floor, curve[b]);
        }
        return out;
    }

    /** Upper bounds made non-increasing from the left: no bin can be above a bin before it. */
    private static double[] monotoneUpper(double[] high, double[] curve) {
        double[] out = new double[high.length];
        double ceiling = 1;
        for (int b = 0; b < high.length; b++) {
            ceiling = Math.min(ceiling, high[b]);
            out[b] = Math.max(ceiling, curve[b]);
        }
        return out;
    }

    /** argmax over L in (0, 1] of S·log L + Σ_k A_k·log(1 − r_k L): its derivative falls, so bisection. */
    static double maximise(double successes, double[] failuresAt) {
        if (successes <= 0) {
            return 0.0;
        }
        double lo = 0;
        double hi = 1;
        if (derivative(1.0, successes, failuresAt) >= 0) {
            return 1.0;
        }
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            if (derivative(mid, successes, failuresAt) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double derivative(double l, double successes, double[] failuresAt) {
        double d = successes / l;
        for (int k = 0; k < GRID; k++) {
            d -= failuresAt[k] * R[k] / (1 - R[k] * l);
        }
        return d;
    }

    /** Bins no observation fell in take the value of the nearest bin to their left (the curve stays monotone). */
    private static double[] fillGaps(double[] values, boolean[] has) {
        double[] out = values.clone();
        double last = 1.0;
        for (int b = 0; b < out.length; b++) {
            if (has[b]) {
                last = Math.min(last, Math.max(0, Math.min(1, out[b])));
                out[b] = last;
            } else {
                out[b] = last;
            }
        }
        return out;
    }

    private static Posterior summary(double[] post, double nObs) {
        double mean = 0;
        for (int k = 0; k < GRID; k++) {
            mean += post[k] * R[k];
        }
        return new Posterior(mean, quantile(post, 0.025), quantile(post, 0.975), nObs);
    }

    /** The q-quantile of r, the mass of each cell spread evenly over it. */
    static double quantile(double[] post, double q) {
        double cumulative = 0;
        for (int k = 0; k < GRID; k++) {
            if (cumulative + post[k] >= q && post[k] > 0) {
                return (k + (q - cumulative) / post[k]) / GRID;
            }
            cumulative += post[k];
        }
        return 1.0;
    }

    private static double[] uniform() {
        double[] g = new double[GRID];
        Arrays.fill(g, 1.0 / GRID);
        return g;
    }
}
