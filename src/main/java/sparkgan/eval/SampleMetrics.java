package sparkgan.eval;

/**
 * Sample-quality statistics computed from a classifier's outputs on generated images: the MNIST
 * score (the Inception Score with an MNIST classifier, Salimans et al. 2016) and mode coverage. Plain
 * arithmetic on arrays: no Spark, no I/O.
 */
public final class SampleMetrics {
    private SampleMetrics() {
    }

    /**
     * exp(E_x KL(p(y|x) || p(y))) over {@code n} rows of class probabilities [n x classes]: near the
     * number of classes for sharp and varied samples, 1 for one repeated class or for uninformative
     * (uniform) predictions.
     */
    public static double mnistScore(double[] probabilities, int n, int classes) {
        double[] marginal = new double[classes];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                marginal[k] += probabilities[i * classes + k] / n;
            }
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < classes; k++) {
                double p = probabilities[i * classes + k];
                if (p > 0) {
                    kl += p * (Math.log(p) - Math.log(marginal[k]));
                }
            }
        }
        return Math.exp(kl / n);
    }

    /** Mode coverage of predicted classes. */
    public record Coverage(double[] shares, int classesAtLeast5Percent, double klToUniform) {
    }

    public static Coverage coverage(int[] predicted, int classes) {
        double[] shares = new double[classes];
        for (int p : predicted) {
            shares[p] += 1.0 / predicted.length;
        }
        int covered = 0;
        double kl = 0;
        for (double s : shares) {
            if (s >= 0.05) {
                covered++;
            }
            if (s > 0) {
                kl += s * Math.log(s * classes);
            }
        }
        return new Coverage(shares, covered, kl);
    }
}
