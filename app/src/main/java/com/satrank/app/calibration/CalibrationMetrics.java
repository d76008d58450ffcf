package com.satrank.app.calibration;

import com.satrank.model.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * How well answers match a known truth: the reliability diagram (10 bins of p), the expected
 * calibration error over it, how often ci95 covers the truth, and the precision of the verdicts
 * (SAFE right when the truth is at least 0.8, RISKY right when at most 0.5, as docs/scoring.md §8).
 * Plain arithmetic over (answer, truth) pairs, so it is tested without a simulator.
 */
public final class CalibrationMetrics {
    static final int BINS = 10;
    static final double SAFE_TRUTH = 0.8;
    static final double RISKY_TRUTH = 0.5;

    /** One node's answer for one amount, and the truth it is judged against. */
    public record Judged(double p, double ci95Low, double ci95High, Verdict verdict, double truth) {
    }

    /** One bin of the reliability diagram: how many answers fell in it, their mean p and mean truth. */
    public record Bin(double from, double to, int count, double meanP, double meanTruth) {
    }

    /** The figures for one (horizon, amount). Precisions are null when no node got that verdict. */
    public record Result(int nodes, double ece, double ci95Coverage, Double safePrecision, int safeCount,
                         Double riskyPrecision, int riskyCount, int safeWithZeroTruth, List<Bin> diagram) {
    }

    private CalibrationMetrics() {
    }

    public static Result of(List<Judged> answers) {
        double[] pSum = new double[BINS];
        double[] truthSum = new double[BINS];
        int[] count = new int[BINS];
        int covered = 0;
        int safe = 0;
        int safeRight = 0;
        int risky = 0;
        int riskyRight = 0;
        int safeZero = 0;
        for (Judged a : answers) {
            int b = Math.min(BINS - 1, Math.max(0, (int) (a.p() * BINS)));
            pSum[b] += a.p();
            truthSum[b] += a.truth();
            count[b]++;
            // a 1e-9 tolerance: a structural zero answers [0, 0] and the truth is exactly 0
            if (a.truth() >= a.ci95Low() - 1e-9 && a.truth() <= a.ci95High() + 1e-9) {
                covered++;
            }
            if (a.verdict() == Verdict.SAFE) {
                safe++;
                safeRight += a.truth() >= SAFE_TRUTH ? 1 : 0;
                safeZero += a.truth() == 0 ? 1 : 0;
            } else if (a.verdict() == Verdict.RISKY) {
                risky++;
                riskyRight += a.truth() <= RISKY_TRUTH ? 1 : 0;
            }
        }
        int n = answers.size();
        double ece = 0;
        List<Bin> diagram = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            double meanP = count[b] == 0 ? Double.NaN : pSum[b] / count[b];
            double meanTruth = count[b] == 0 ? Double.NaN : truthSum[b] / count[b];
            if (count[b] > 0) {
                ece += count[b] / (double) n * Math.abs(meanP - meanTruth);
            }
            diagram.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b], meanP, meanTruth));
        }
        return new Result(n, n == 0 ? Double.NaN : ece, n == 0 ? Double.NaN : covered / (double) n,
                safe == 0 ? null : safeRight / (double) safe, safe, risky == 0 ? null : riskyRight / (double) risky,
                risky, safeZero, diagram);
    }
}
