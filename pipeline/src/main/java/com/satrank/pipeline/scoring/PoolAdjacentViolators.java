package com.satrank.pipeline.scoring;

/**
 * The weighted least-squares non-increasing fit of a sequence (pool adjacent violators); entries
 * without data are skipped and keep their value.
 */
final class PoolAdjacentViolators {
    private PoolAdjacentViolators() {
    }

    static double[] nonIncreasing(double[] values, double[] weights, boolean[] has) {
        int n = values.length;
        double[] blockValue = new double[n];
        double[] blockWeight = new double[n];
        int[] blockStart = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            if (!has[i]) {
                continue;
            }
            blockValue[blocks] = values[i];
            blockWeight[blocks] = weights[i];
            blockStart[blocks] = i;
            blocks++;
            while (blocks > 1 && blockValue[blocks - 2] < blockValue[blocks - 1]) {
                double w1 = blockWeight[blocks - 2];
                double w2 = blockWeight[blocks - 1];
                double merged;
                if (Double.isInfinite(w1)) {
                    merged = blockValue[blocks - 2];
                } else if (Double.isInfinite(w2)) {
                    merged = blockValue[blocks - 1];
                } else {
                    merged = (w1 * blockValue[blocks - 2] + w2 * blockValue[blocks - 1]) / (w1 + w2);
                }
                blockValue[blocks - 2] = merged;
                blockWeight[blocks - 2] = w1 + w2;
                blocks--;
            }
        }
        double[] out = values.clone();
        for (int b = 0; b < blocks; b++) {
            int end = b + 1 < blocks ? blockStart[b + 1] : n;
            for (int i = blockStart[b]; i < end; i++) {
                if (has[i]) {
                    out[i] = blockValue[b];
                }
            }
        }
        return out;
    }
}
