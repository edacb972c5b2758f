package sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import sparkgan.math.Activation;
import sparkgan.testing.ReferenceMlp;

/**
 * Batch normalisation against a float64 composition: per-segment statistics (two segments of three
 * rows, as the D step's real and fake halves), gradients by finite differences, the statistics it
 * leaves for the running averages, and inference on those averages.
 */
class BatchNormTest {
    private static final int ROWS = 6;
    private static final int SEGMENT = 3;
    private static final BatchNorm NORM = new BatchNorm(3, 2, 0.1f);
    private static final Network NET = new Network(List.of(new Dense(4, 6), NORM, new ActivationLayer(Activation.TANH, 6),
            new Dense(6, 2)));
    /** Where the norm's parameters start: after the first dense layer's 4 x 6 + 6. */
    private static final int NORM_AT = 30;

    @Test
    void gradientsMatchFiniteDifferencesWithStatisticsPerSegment() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] params = NET.initialParams(rng);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (rng.nextGaussian() * 0.2);
        }
        float[] x = new float[ROWS * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] c = new double[ROWS * 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextGaussian();
        }
        NetworkPass pass = new NetworkPass(NET);
        pass.ensureRows(ROWS);
        System.arraycopy(x, 0, pass.input(), 0, x.length);
        pass.forward(params, new Batch(ROWS, SEGMENT), new SplittableRandom(1));
        double[] p64 = ReferenceMlp.toDouble(params);
        double[] x64 = ReferenceMlp.toDouble(x);
        double[] out = reference(p64, x64);
        for (int i = 0; i < out.length; i++) {
            assertEquals(out[i], pass.output()[i], 1e-4 * (1 + Math.abs(out[i])), "output " + i);
        }
        for (int i = 0; i < c.length; i++) {
            pass.outputGrad()[i] = (float) c[i];
        }
        float[] grad = new float[NET.paramCount()];
        pass.backward(params, grad, 0, true);

        // The running statistics' slots hold each row's channel mean and mean square, summed.
        double[] h = dense1(p64, x64);
        for (int ch = 0; ch < 3; ch++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < ROWS; r++) {
                for (int k = 0; k < 2; k++) {
                    double v = h[r * 6 + ch * 2 + k];
                    sum += v / 2;
                    squares += v * v / 2;
                }
            }
            assertEquals(sum, grad[NORM_AT + 6 + ch], 1e-4, "mean slot " + ch);
            assertEquals(squares, grad[NORM_AT + 9 + ch], 1e-4, "mean-square slot " + ch);
        }
        float[] trainable = grad.clone();
        Arrays.fill(trainable, NORM_AT + 6, NORM_AT + 12, 0f); // the loss does not depend on the running statistics
        ToDoubleFunction<double[]> lossOfParams = p -> dot(c, reference(p, x64));
        ToDoubleFunction<double[]> lossOfInput = in -> dot(c, reference(p64, in));
        ReferenceMlp.assertGradientMatches(trainable, lossOfParams, p64, "batch norm parameters, relative error ");
        ReferenceMlp.assertGradientMatches(Arrays.copyOf(pass.inputGrad(), x.length), lossOfInput, x64, "batch norm input, relative error ");
    }

    @Test
    void theRunningStatisticsMoveTowardTheBatchAndInferenceUsesThem() {
        float[] params = NET.initialParams(new SplittableRandom(5));
        float[] meanGrad = new float[NET.paramCount()];
        // A step whose batch had channel means 1, 2, 3 and mean squares 2, 5, 10 (variances 1, 1, 1).
        for (int ch = 0; ch < 3; ch++) {
            meanGrad[NORM_AT + 6 + ch] = ch + 1;
            meanGrad[NORM_AT + 9 + ch] = (ch + 1) * (ch + 1) + 1;
        }
        NET.takeStatistics(params, meanGrad);
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(0.1f * (ch + 1), params[NORM_AT + 6 + ch], 1e-6, "running mean " + ch);
            assertEquals(0.9f * 1f + 0.1f * 1f, params[NORM_AT + 9 + ch], 1e-6, "running variance " + ch);
            assertEquals(0f, meanGrad[NORM_AT + 6 + ch], "slot cleared before the optimizer");
        }
        NetworkPass pass = new NetworkPass(new Network(List.of(NORM)));
        pass.ensureRows(1);
        float[] norm = Arrays.copyOfRange(params, NORM_AT, NORM_AT + 12);
        norm[0] = 2f; // gamma of channel 0
        norm[3] = 0.5f; // beta of channel 0
        pass.input()[0] = 1f;
        pass.forward(norm, 1, null);
        assertEquals(2f * (1f - 0.1f) / (float) Math.sqrt(1f + 1e-5f) + 0.5f, pass.output()[0], 1e-6);
    }

    private static double[] dense1(double[] p, double[] x) {
        double[] h = new double[ROWS * 6];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < 6; j++) {
                double z = p[24 + j];
                for (int i = 0; i < 4; i++) {
                    z += x[r * 4 + i] * p[i * 6 + j];
                }
                h[r * 6 + j] = z;
            }
        }
        return h;
    }

    /** dense 4->6, batch norm of 3 channels x 2 per segment, tanh, dense 6->2, in float64. */
    private static double[] reference(double[] p, double[] x) {
        double[] h = dense1(p, x);
        double[] y = new double[ROWS * 6];
        for (int start = 0; start < ROWS; start += SEGMENT) {
            for (int ch = 0; ch < 3; ch++) {
                double sum = 0;
                double squares = 0;
                for (int r = start; r < start + SEGMENT; r++) {
                    for (int k = 0; k < 2; k++) {
                        sum += h[r * 6 + ch * 2 + k];
                        squares += h[r * 6 + ch * 2 + k] * h[r * 6 + ch * 2 + k];
                    }
                }
                double mean = sum / (SEGMENT * 2);
                double inv = 1 / Math.sqrt(squares / (SEGMENT * 2) - mean * mean + 1e-5);
                for (int r = start; r < start + SEGMENT; r++) {
                    for (int k = 0; k < 2; k++) {
                        int i = r * 6 + ch * 2 + k;
                        y[i] = Math.tanh(p[NORM_AT + ch] * (h[i] - mean) * inv + p[NORM_AT + 3 + ch]);
                    }
                }
            }
        }
        int d = NORM_AT + 12;
        double[] out = new double[ROWS * 2];
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < 2; k++) {
                double z = p[d + 12 + k];
                for (int j = 0; j < 6; j++) {
                    z += y[r * 6 + j] * p[d + j * 2 + k];
                }
                out[r * 2 + k] = z;
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
