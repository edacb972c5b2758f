package sparkgan.testing;

import java.util.SplittableRandom;
import sparkgan.math.Activation;

/**
 * A deliberately plain float64 MLP, written from the definitions with no BLAS and no workspaces:
 * the reference that the float32 production code is checked against by finite differences.
 */
public final class ReferenceMlp {
    private ReferenceMlp() {
    }

    public static double act(Activation a, double x) {
        switch (a) {
            case LINEAR: return x;
            case SIGMOID: return 1 / (1 + Math.exp(-x));
            case TANH: return Math.tanh(x);
            case RELU: return Math.max(0, x);
            case LEAKY_RELU: return x > 0 ? x : Activation.LEAKY_SLOPE * x;
            default: throw new IllegalArgumentException(a.name());
        }
    }

    /**
     * Dropout masks exactly as the production code draws them from the stream: hidden layers in
     * forward order, element by element; null where a layer has none.
     */
    public static double[][] masks(MlpSpec spec, int n, SplittableRandom rng) {
        double[][] masks = new double[spec.layers() + 1][];
        if (spec.dropout() <= 0f) {
            return masks;
        }
        float keep = 1f - spec.dropout();
        float scale = 1f / keep;
        for (int l = 1; l < spec.layers(); l++) {
            masks[l] = new double[n * spec.size(l)];
            for (int i = 0; i < masks[l].length; i++) {
                masks[l][i] = rng.nextFloat() < keep ? scale : 0;
            }
        }
        return masks;
    }

    /** Output [n x outputSize] of the network on input x [n x inputSize]. */
    public static double[] forward(MlpSpec spec, double[] p, double[] x, int n, double[][] masks) {
        return forwardLayers(spec, p, x, n, masks, spec.layers());
    }

    /** The last hidden layer [n x width] after dropout: what the output layer reads. */
    public static double[] lastHidden(MlpSpec spec, double[] p, double[] x, int n, double[][] masks) {
        return forwardLayers(spec, p, x, n, masks, spec.layers() - 1);
    }

    private static double[] forwardLayers(MlpSpec spec, double[] p, double[] x, int n, double[][] masks, int layers) {
        double[] a = x;
        for (int l = 0; l < layers; l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            double[] z = new double[n * out];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < out; j++) {
                    double s = p[spec.biasOffset(l) + j];
                    for (int i = 0; i < in; i++) {
                        s += a[r * in + i] * p[spec.weightOffset(l) + i * out + j];
                    }
                    z[r * out + j] = act(spec.activation(l), s);
                    if (masks != null && masks[l + 1] != null) {
                        z[r * out + j] *= masks[l + 1][r * out + j];
                    }
                }
            }
            a = z;
        }
        return a;
    }

    public static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** BCE or squared error of a logit, in float64. */
    public static double loss(boolean bce, double z, double y) {
        double s = sigmoid(z);
        if (bce) {
            return -(y * Math.log(s) + (1 - y) * Math.log(1 - s));
        }
        return 0.5 * (s - y) * (s - y);
    }

    /** Central finite difference of f at x[i], in float64. */
    public static double numericGradient(java.util.function.ToDoubleFunction<double[]> f, double[] x, int i, double eps) {
        double saved = x[i];
        x[i] = saved + eps;
        double up = f.applyAsDouble(x);
        x[i] = saved - eps;
        double down = f.applyAsDouble(x);
        x[i] = saved;
        return (up - down) / (2 * eps);
    }

    /**
     * Relative error of a float32 gradient against central differences (step 1e-6) of the float64
     * objective at {@code at}, every coordinate.
     */
    public static double gradientError(float[] grad, java.util.function.ToDoubleFunction<double[]> objective, double[] at) {
        double[] numeric = new double[grad.length];
        for (int i = 0; i < grad.length; i++) {
            numeric[i] = numericGradient(objective, at, i, 1e-6);
        }
        return relativeError(toDouble(grad), numeric);
    }

    /** Fails unless {@link #gradientError} is below 1e-4; the message names {@code what} and the error. */
    public static void assertGradientMatches(float[] grad, java.util.function.ToDoubleFunction<double[]> objective, double[] at,
                                             String what) {
        double err = gradientError(grad, objective, at);
        org.junit.jupiter.api.Assertions.assertTrue(err < 1e-4, what + err);
    }

    /** {@code length} values uniform in [-1, 1), drawn in order from {@code rng}: stand-in image rows. */
    public static float[] uniformRows(SplittableRandom rng, int length) {
        float[] rows = new float[length];
        for (int i = 0; i < length; i++) {
            rows[i] = (float) rng.nextDouble(-1, 1);
        }
        return rows;
    }

    /** The rows of {@code first} then those of {@code second}: D's input in a D step (real, then fake). */
    public static double[] stack(double[] first, double[] second) {
        double[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** ||a - b|| / max(||b||, tiny). */
    public static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-12);
    }
}
