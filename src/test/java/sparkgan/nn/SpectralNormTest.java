package sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkgan.math.Activation;
import sparkgan.testing.MlpSpec;

class SpectralNormTest {
    private static final MlpSpec SPEC = new MlpSpec(new int[] {6, 5, 3}, Activation.LEAKY_RELU, Activation.LINEAR, 0f);

    private static float[] randomParams(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[SPEC.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rng.nextGaussian();
        }
        return p;
    }

    /** The largest singular value of layer l's matrix, by 500 power iterations on W'W in float64. */
    private static double largestSingularValue(float[] params, int l) {
        int in = SPEC.size(l);
        int out = SPEC.size(l + 1);
        int w = SPEC.weightOffset(l);
        double[] x = new double[out];
        java.util.Arrays.fill(x, 1.0);
        double norm = 0;
        for (int iter = 0; iter < 500; iter++) {
            double[] y = new double[in];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    y[i] += params[w + i * out + o] * x[o];
                }
            }
            double[] z = new double[out];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    z[o] += params[w + i * out + o] * y[i];
                }
            }
            norm = 0;
            for (double v : z) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int o = 0; o < out; o++) {
                x[o] = z[o] / norm;
            }
        }
        return Math.sqrt(norm);
    }

    @Test
    void powerIterationFindsTheLargestSingularValueAndNormalisesItToOne() {
        float[] raw = randomParams(3);
        SpectralNorm sn = new SpectralNorm(SPEC.network());
        sn.initialise(new SplittableRandom(1));
        float[] normalised = new float[raw.length];
        for (int i = 0; i < 30; i++) {
            sn.powerIteration(raw);
        }
        sn.normalise(raw, normalised);
        for (int l = 0; l < SPEC.layers(); l++) {
            double sigma = largestSingularValue(raw, l);
            assertTrue(sigma > 1.5, "test matrix too small: " + sigma);
            assertEquals(sigma, sn.sigma(l), 1e-4 * sigma, "layer " + l);
            assertEquals(1.0, largestSingularValue(normalised, l), 1e-4, "layer " + l + " after normalising");
            // Biases are left alone.
            int b = SPEC.biasOffset(l);
            assertArrayEquals(java.util.Arrays.copyOfRange(raw, b, b + SPEC.size(l + 1)),
                    java.util.Arrays.copyOfRange(normalised, b, b + SPEC.size(l + 1)));
        }
    }

    /**
     * The backward pass against central differences (float64) of L(W) = <A, W / (u'Wv)> with u and v
     * held at their current values, which is what the gradient is defined for.
     */
    @Test
    void backwardMatchesFiniteDifferences() {
        float[] raw = randomParams(7);
        SpectralNorm sn = new SpectralNorm(SPEC.network());
        sn.initialise(new SplittableRandom(2));
        sn.powerIteration(raw);
        float[] normalised = new float[raw.length];
        sn.normalise(raw, normalised);
        float[] a = randomParams(9);
        float[] grad = a.clone(); // dL/d(normalised) = A
        sn.backward(normalised, grad);

        float[] uv = sn.vectors();
        int vecOff = 0;
        for (int l = 0; l < SPEC.layers(); l++) {
            int in = SPEC.size(l);
            int out = SPEC.size(l + 1);
            int w = SPEC.weightOffset(l);
            double[] m = new double[in * out];
            for (int k = 0; k < m.length; k++) {
                m[k] = raw[w + k];
            }
            for (int k = 0; k < m.length; k++) {
                double h = 1e-6;
                double keep = m[k];
                m[k] = keep + h;
                double plus = loss(m, a, w, uv, vecOff, in, out);
                m[k] = keep - h;
                double minus = loss(m, a, w, uv, vecOff, in, out);
                m[k] = keep;
                double numeric = (plus - minus) / (2 * h);
                assertEquals(numeric, grad[w + k], 1e-4 + 1e-3 * Math.abs(numeric), "layer " + l + " weight " + k);
            }
            vecOff += out + in;
        }
    }

    private static double loss(double[] m, float[] a, int w, float[] uv, int vecOff, int in, int out) {
        double sigma = 0;
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                sigma += uv[vecOff + o] * m[i * out + o] * uv[vecOff + out + i];
            }
        }
        double l = 0;
        for (int k = 0; k < m.length; k++) {
            l += a[w + k] * m[k] / sigma;
        }
        return l;
    }
}
