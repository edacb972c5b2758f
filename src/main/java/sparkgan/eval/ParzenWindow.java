package sparkgan.eval;

import sparkgan.math.Blas;

/**
 * Parzen-window (Gaussian kernel density) log-likelihood of test points under a set of samples, as in
 * Goodfellow et al. 2014: log p(x) = logsumexp_i(-|x - s_i|^2 / (2 sigma^2)) - log n - d/2 log(2 pi sigma^2).
 * Distances come from one sgemm per block (|x|^2 + |s|^2 - 2 x.s); the bandwidth is chosen on a
 * validation set.
 */
public final class ParzenWindow {
    private ParzenWindow() {
    }

    /** Mean log-likelihood (nats) of {@code m} test rows under {@code n} sample rows of dimension {@code d}. */
    public static double meanLogLikelihood(float[] samples, int n, float[] test, int m, int d, double sigma) {
        double[] sampleNorms = norms(samples, n, d);
        double[] testNorms = norms(test, m, d);
        int block = 256;
        float[] dots = new float[block * n];
        double[] e = new double[n];
        double total = 0;
        double constant = -Math.log(n) - 0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
        for (int start = 0; start < m; start += block) {
            int rows = Math.min(block, m - start);
            Blas.gemm(false, true, rows, n, d, 1f, test, start * d, samples, 0, 0f, dots, 0);
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dist = Math.max(0, testNorms[start + r] + sampleNorms[j] - 2.0 * dots[r * n + j]);
                    e[j] = -dist / (2 * sigma * sigma);
                    max = Math.max(max, e[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(e[j] - max);
                }
                total += max + Math.log(sum) + constant;
            }
        }
        return total / m;
    }

    /** The sigma of {@code candidates} with the highest mean log-likelihood on the validation rows. */
    public static double chooseSigma(float[] samples, int n, float[] validation, int m, int d, double[] candidates) {
        double best = Double.NEGATIVE_INFINITY;
        double bestSigma = candidates[0];
        for (double sigma : candidates) {
            double ll = meanLogLikelihood(samples, n, validation, m, d, sigma);
            if (ll > best) {
                best = ll;
                bestSigma = sigma;
            }
        }
        return bestSigma;
    }

    private static double[] norms(float[] x, int rows, int d) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) x[i * d + j] * x[i * d + j];
            }
            out[i] = s;
        }
        return out;
    }
}
