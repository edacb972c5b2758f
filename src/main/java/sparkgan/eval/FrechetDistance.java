package sparkgan.eval;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017, with a
 * classifier's features instead of Inception's): |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).
 * Tr((S1 S2)^(1/2)) is the sum of the square roots of the eigenvalues of S1^(1/2) S2 S1^(1/2), which
 * is symmetric, so a symmetric eigen-solver is all it needs: LAPACK's dsyevd, exact and fast for
 * feature sizes in the thousands.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** A Gaussian fitted to a feature set: what the distance needs of it. */
    public record Gaussian(double[] mean, double[][] covariance) {
        /** Mean and covariance of {@code n} rows of {@code d} features. */
        public static Gaussian fit(float[] x, int n, int d) {
            double[] mu = FrechetDistance.mean(x, n, d);
            return new Gaussian(mu, FrechetDistance.covariance(x, n, d, mu));
        }
    }

    public static double between(float[] a, int na, float[] b, int nb, int d) {
        return between(Gaussian.fit(a, na, d), Gaussian.fit(b, nb, d));
    }

    /** The distance to a reference fitted once (the test set, judged against many sample sets). */
    public static double between(Gaussian a, Gaussian b) {
        int d = a.mean().length;
        double[] muA = a.mean();
        double[] muB = b.mean();
        double[][] sA = a.covariance();
        double[][] sB = b.covariance();
        double diff = 0;
        for (int i = 0; i < d; i++) {
            diff += (muA[i] - muB[i]) * (muA[i] - muB[i]);
        }
        double[][] rootA = sqrtSymmetric(sA);
        double[][] m = multiply(multiply(rootA, sB), rootA);
        symmetrize(m);
        double[] eig = eigenvalues(m);
        double traceRoot = 0;
        for (double e : eig) {
            traceRoot += Math.sqrt(Math.max(0, e));
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += sA[i][i] + sB[i][i];
        }
        return diff + trace - 2 * traceRoot;
    }

    static double[] mean(float[] x, int n, int d) {
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        return mu;
    }

    static double[][] covariance(float[] x, int n, int d, double[] mu) {
        double[][] c = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j] - mu[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = j; k < d; k++) {
                    c[j][k] += row[j] * row[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                c[j][k] /= Math.max(1, n - 1);
                c[k][j] = c[j][k];
            }
        }
        return c;
    }

    /** Eigenvalues of a symmetric matrix, ascending (the input is not modified). */
    static double[] eigenvalues(double[][] symmetric) {
        return eigen(symmetric, null);
    }

    /** The symmetric positive semi-definite square root V diag(sqrt(max(l,0))) V^T. */
    static double[][] sqrtSymmetric(double[][] s) {
        int d = s.length;
        double[] v = new double[d * d];
        double[] l = eigen(s, v);
        double[] root = new double[d];
        for (int k = 0; k < d; k++) {
            root[k] = Math.sqrt(Math.max(0, l[k]));
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    // column k of the column-major v is eigenvector k
                    sum += v[k * d + i] * root[k] * v[k * d + j];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }

    /**
     * Eigenvalues (ascending) of a symmetric matrix by LAPACK's divide-and-conquer {@code dsyevd}
     * (netlib through dev.ludovic.netlib: native when installed, else its Java translation), and the
     * eigenvectors into {@code vectors} (column-major, column k for eigenvalue k) when not null.
     */
    private static double[] eigen(double[][] input, double[] vectors) {
        int d = input.length;
        double[] a = vectors != null ? vectors : new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[j * d + i] = input[i][j];
            }
        }
        String jobz = vectors != null ? "V" : "N";
        double[] w = new double[d];
        intW info = new intW(0);
        double[] workSize = new double[1];
        int[] iworkSize = new int[1];
        LAPACK lapack = LAPACK.getInstance();
        lapack.dsyevd(jobz, "U", d, a, Math.max(1, d), w, workSize, -1, iworkSize, -1, info);
        double[] work = new double[Math.max(1, (int) workSize[0])];
        int[] iwork = new int[Math.max(1, iworkSize[0])];
        lapack.dsyevd(jobz, "U", d, a, Math.max(1, d), w, work, work.length, iwork, iwork.length, info);
        if (info.val != 0) {
            throw new ArithmeticException("LAPACK dsyevd did not converge on a " + d + " x " + d + " matrix (info " + info.val + ")");
        }
        return w;
    }

    /** x y through BLAS dgemm (row-major arrays are column-major transposes: y^T x^T = (x y)^T). */
    private static double[][] multiply(double[][] x, double[][] y) {
        int d = x.length;
        double[] xf = flatten(x);
        double[] yf = flatten(y);
        double[] out = new double[d * d];
        BLAS.getInstance().dgemm("N", "N", d, d, d, 1.0, yf, d, xf, d, 0.0, out, d);
        double[][] result = new double[d][];
        for (int i = 0; i < d; i++) {
            result[i] = java.util.Arrays.copyOfRange(out, i * d, (i + 1) * d);
        }
        return result;
    }

    private static double[] flatten(double[][] m) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], 0, f, i * d, d);
        }
        return f;
    }

    private static void symmetrize(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double v = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = v;
                m[j][i] = v;
            }
        }
    }
}
