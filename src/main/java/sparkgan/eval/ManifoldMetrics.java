package sparkgan.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import sparkgan.math.Blas;

/**
 * Precision and recall of generated samples against real ones (Kynkäänniemi et al. 2019, "Improved
 * Precision and Recall Metric for Assessing Generative Models"): each set's manifold is the union of
 * balls around its points, each ball reaching the point's k-th nearest neighbour in its own set.
 * Precision is the share of samples inside the real manifold (are the samples realistic?), recall
 * the share of real points inside the samples' manifold (do the samples cover the data?). It needs
 * no labels: it runs on a classifier's features when there is one, else on pixels, or on a random
 * projection of them for wide images. Squared distances come from one sgemm per block of rows.
 */
public final class ManifoldMetrics {
    /** The neighbour that sets a ball's radius; the paper's choice. */
    public static final int K = 3;
    private static final int BLOCK = 1024;

    /** Precision and recall, each in [0,1]. */
    public record PrecisionRecall(double precision, double recall) {
    }

    private ManifoldMetrics() {
    }

    /** {@code real} [nr x d] and {@code fake} [nf x d]: precision and recall with k = {@value #K}. */
    public static PrecisionRecall of(float[] real, int nr, float[] fake, int nf, int d) {
        if (nr <= K || nf <= K) {
            throw new IllegalArgumentException("precision and recall need more than " + K + " points in each set");
        }
        double[] realRadii = kthNeighbourDistances(real, nr, d);
        double[] fakeRadii = kthNeighbourDistances(fake, nf, d);
        return new PrecisionRecall(shareInside(fake, nf, real, nr, realRadii, d), shareInside(real, nr, fake, nf, fakeRadii, d));
    }

    /**
     * A fixed random projection of rows of {@code d} values to {@code width} (Gaussian entries scaled by
     * 1/sqrt(width), which keeps distances in expectation; Johnson-Lindenstrauss): wide images cost
     * {@code width} instead of {@code d} per distance.
     */
    public static float[] project(float[] x, int n, int d, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] matrix = new float[d * width];
        float scale = (float) (1 / Math.sqrt(width));
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) rng.nextGaussian() * scale;
        }
        float[] out = new float[n * width];
        Blas.gemm(false, false, n, width, d, 1f, x, 0, matrix, 0, 0f, out, 0);
        return out;
    }

    /** For every row, the squared distance to its k-th nearest other row of the same set. */
    static double[] kthNeighbourDistances(float[] x, int n, int d) {
        double[] norms = norms(x, n, d);
        double[] radii = new double[n];
        float[] dots = new float[BLOCK * n];
        double[] nearest = new double[K + 1];
        for (int start = 0; start < n; start += BLOCK) {
            int m = Math.min(BLOCK, n - start);
            Blas.gemm(false, true, m, n, d, 1f, x, start * d, x, 0, 0f, dots, 0);
            for (int i = 0; i < m; i++) {
                Arrays.fill(nearest, Double.POSITIVE_INFINITY);
                for (int j = 0; j < n; j++) {
                    double dist = Math.max(0, norms[start + i] + norms[j] - 2.0 * dots[i * n + j]);
                    if (dist < nearest[K]) {
                        insert(nearest, dist);
                    }
                }
                // nearest[0] is the point itself (distance 0); nearest[K] its k-th neighbour.
                radii[start + i] = nearest[K];
            }
        }
        return radii;
    }

    /** The share of {@code points} within some ball of the set {@code centres} (squared radii). */
    static double shareInside(float[] points, int np, float[] centres, int nc, double[] radii, int d) {
        double[] pointNorms = norms(points, np, d);
        double[] centreNorms = norms(centres, nc, d);
        float[] dots = new float[BLOCK * nc];
        int inside = 0;
        for (int start = 0; start < np; start += BLOCK) {
            int m = Math.min(BLOCK, np - start);
            Blas.gemm(false, true, m, nc, d, 1f, points, start * d, centres, 0, 0f, dots, 0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nc; j++) {
                    double dist = pointNorms[start + i] + centreNorms[j] - 2.0 * dots[i * nc + j];
                    if (dist <= radii[j]) {
                        inside++;
                        break;
                    }
                }
            }
        }
        return (double) inside / np;
    }

    private static double[] norms(float[] x, int n, int d) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                s += v * v;
            }
            out[i] = s;
        }
        return out;
    }

    /** Keeps {@code sorted} the smallest values seen, ascending. */
    private static void insert(double[] sorted, double value) {
        int i = sorted.length - 1;
        while (i > 0 && sorted[i - 1] > value) {
            sorted[i] = sorted[i - 1];
            i--;
        }
        sorted[i] = value;
    }
}
