package sparkgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The metrics on inputs whose answer is known in closed form. */
class SampleMetricsTest {
    @Test
    void mnistScoreIsTheNumberOfClassesForSharpBalancedPredictionsAndOneForACollapse() {
        int n = 1000;
        double[] sharp = new double[n * 10];
        double[] collapsed = new double[n * 10];
        double[] uniform = new double[n * 10];
        for (int i = 0; i < n; i++) {
            sharp[i * 10 + i % 10] = 1;
            collapsed[i * 10 + 7] = 1;
            for (int k = 0; k < 10; k++) {
                uniform[i * 10 + k] = 0.1;
            }
        }
        assertEquals(10.0, SampleMetrics.mnistScore(sharp, n, 10), 1e-9);
        assertEquals(1.0, SampleMetrics.mnistScore(collapsed, n, 10), 1e-9);
        assertEquals(1.0, SampleMetrics.mnistScore(uniform, n, 10), 1e-9);
        // Two classes, sharp and balanced: exactly 2.
        double[] two = new double[n * 10];
        for (int i = 0; i < n; i++) {
            two[i * 10 + (i % 2) * 3] = 1;
        }
        assertEquals(2.0, SampleMetrics.mnistScore(two, n, 10), 1e-9);
    }

    @Test
    void coverageCountsClassesAndMeasuresTheDistanceToUniform() {
        int[] balanced = new int[1000];
        int[] single = new int[1000];
        for (int i = 0; i < 1000; i++) {
            balanced[i] = i % 10;
            single[i] = 4;
        }
        SampleMetrics.Coverage b = SampleMetrics.coverage(balanced, 10);
        assertEquals(10, b.classesAtLeast5Percent());
        assertEquals(0.0, b.klToUniform(), 1e-12);
        SampleMetrics.Coverage s = SampleMetrics.coverage(single, 10);
        assertEquals(1, s.classesAtLeast5Percent());
        assertEquals(Math.log(10), s.klToUniform(), 1e-12);
    }

    @Test
    void parzenMatchesTheAnalyticDensityOfAGaussianToySet() {
        int d = 2;
        Random r = new Random(1);
        int n = 20000;
        int m = 2000;
        float[] samples = gaussian(r, n, d);
        float[] validation = gaussian(r, m, d);
        float[] test = gaussian(r, m, d);
        double sigma = ParzenWindow.chooseSigma(samples, n, validation, m, d, new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 1.0});
        double kde = ParzenWindow.meanLogLikelihood(samples, n, test, m, d, sigma);
        // The test points' mean log-density under the true N(0, I).
        double exact = 0;
        for (int i = 0; i < m; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                sq += test[i * d + j] * test[i * d + j];
            }
            exact += -0.5 * sq - 0.5 * d * Math.log(2 * Math.PI);
        }
        exact /= m;
        assertEquals(exact, kde, 0.05, "sigma " + sigma);
        // A bandwidth far off does measurably worse, so the selection matters.
        double bad = ParzenWindow.meanLogLikelihood(samples, n, test, m, d, 0.01);
        assertEquals(true, bad < kde - 0.5, "sigma 0.01 gave " + bad);
    }

    @Test
    void frechetDistanceOfKnownGaussians() {
        Random r = new Random(2);
        int d = 8;
        int n = 40000;
        float[] a = gaussian(r, n, d);
        float[] b = gaussian(r, n, d);
        // Same distribution: about 0.
        assertEquals(0.0, FrechetDistance.between(a, n, b, n, d), 0.01);
        // Shift by mean m and scale by 2: |m|^2 + sum (1 - 2)^2 = |m|^2 + d.
        float[] c = new float[n * d];
        double shift2 = 0;
        for (int j = 0; j < d; j++) {
            shift2 += 0.5 * 0.5;
        }
        for (int i = 0; i < n * d; i++) {
            c[i] = 2 * b[i] + 0.5f;
        }
        assertEquals(shift2 + d, FrechetDistance.between(a, n, c, n, d), 0.1);
    }

    @Test
    void eigenvaluesOfAKnownMatrix() {
        double[][] m = {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}};
        double[] e = FrechetDistance.eigenvalues(m);
        java.util.Arrays.sort(e);
        assertEquals(1.0, e[0], 1e-10);
        assertEquals(3.0, e[1], 1e-10);
        assertEquals(5.0, e[2], 1e-10);
        double[][] root = FrechetDistance.sqrtSymmetric(new double[][] {{4, 0}, {0, 9}});
        assertEquals(2.0, root[0][0], 1e-10);
        assertEquals(3.0, root[1][1], 1e-10);
    }

    /** Rotated diagonal covariances of 600 features: the distance has a closed form, sum (a + b - 2 sqrt(ab)). */
    @Test
    void frechetDistanceOfLargeRotatedCovariancesMatchesItsClosedForm() {
        int d = 600;
        Random r = new Random(4);
        double[] a = new double[d];
        double[] b = new double[d];
        double expected = 0;
        for (int i = 0; i < d; i++) {
            a[i] = 0.1 + r.nextDouble();
            b[i] = 0.1 + 2 * r.nextDouble();
            expected += a[i] + b[i] - 2 * Math.sqrt(a[i] * b[i]);
        }
        double[][] q = orthogonal(r, d);
        FrechetDistance.Gaussian ga = new FrechetDistance.Gaussian(new double[d], rotated(q, a));
        FrechetDistance.Gaussian gb = new FrechetDistance.Gaussian(new double[d], rotated(q, b));
        assertEquals(expected, FrechetDistance.between(ga, gb), 1e-6 * expected);
    }

    /** A random orthogonal matrix: Gram-Schmidt on Gaussian columns. */
    private static double[][] orthogonal(Random r, int d) {
        double[][] q = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = r.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += v[i] * q[i][k];
                }
                for (int i = 0; i < d; i++) {
                    v[i] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            for (int i = 0; i < d; i++) {
                q[i][j] = v[i] / Math.sqrt(norm);
            }
        }
        return q;
    }

    /** Q diag(l) Q^T. */
    private static double[][] rotated(double[][] q, double[] l) {
        int d = l.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += q[i][k] * l[k] * q[j][k];
                }
                m[i][j] = sum;
                m[j][i] = sum;
            }
        }
        return m;
    }

    private static float[] gaussian(Random r, int n, int d) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
