package sparkgan.eval;

/**
 * Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017, with a
 * classifier's features instead of Inception's): |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).
 * Tr((S1 S2)^(1/2)) is the sum of the square roots of the eigenvalues of S1^(1/2) S2 S1^(1/2), which
 * is symmetric, so a Jacobi eigen-solver on symmetric matrices is all it needs.
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

    /** Eigenvalues of a symmetric matrix (cyclic Jacobi rotations; the input is not modified). */
    static double[] eigenvalues(double[][] symmetric) {
        return jacobi(symmetric, null);
    }

    /** The symmetric positive semi-definite square root V diag(sqrt(max(l,0))) V^T. */
    static double[][] sqrtSymmetric(double[][] s) {
        int d = s.length;
        double[][] v = new double[d][d];
        double[] l = jacobi(s, v);
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += v[i][k] * Math.sqrt(Math.max(0, l[k])) * v[j][k];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    /** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations; its eigenvectors into {@code vectors} (columns) when not null. */
    private static double[] jacobi(double[][] input, double[][] vectors) {
        int d = input.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = input[i].clone();
        }
        if (vectors != null) {
            for (int i = 0; i < d; i++) {
                java.util.Arrays.fill(vectors[i], 0);
                vectors[i][i] = 1;
            }
        }
        for (int sweep = 0; sweep < 100 && offDiagonal(a) >= 1e-22; sweep++) {
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) >= 1e-300) {
                        rotate(a, vectors, p, q);
                    }
                }
            }
        }
        double[] eig = new double[d];
        for (int i = 0; i < d; i++) {
            eig[i] = a[i][i];
        }
        return eig;
    }

    /** Sum of the squares above the diagonal. */
    private static double offDiagonal(double[][] a) {
        double off = 0;
        for (int p = 0; p < a.length; p++) {
            for (int q = p + 1; q < a.length; q++) {
                off += a[p][q] * a[p][q];
            }
        }
        return off;
    }

    /** The Jacobi rotation that zeroes a[p][q], applied to both sides of {@code a} and to the eigenvectors. */
    private static void rotate(double[][] a, double[][] vectors, int p, int q) {
        int d = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        if (vectors != null) {
            for (int k = 0; k < d; k++) {
                double vkp = vectors[k][p];
                double vkq = vectors[k][q];
                vectors[k][p] = c * vkp - s * vkq;
                vectors[k][q] = s * vkp + c * vkq;
            }
        }
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int d = x.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double xik = x[i][k];
                for (int j = 0; j < d; j++) {
                    out[i][j] += xik * y[k][j];
                }
            }
        }
        return out;
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
