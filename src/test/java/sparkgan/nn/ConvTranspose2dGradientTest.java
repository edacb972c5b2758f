package sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkgan.math.Activation;
import sparkgan.testing.ReferenceMlp;

/**
 * The transposed convolution against a float64 composition written out as loops (every input pixel
 * spreads its kernel-weighted value over the output): its output, and the gradients of the
 * parameters and of the input by finite differences, for stride 1 and 2, padding 0 and 1, even and
 * odd kernels, on a two-channel 3x4 input.
 */
class ConvTranspose2dGradientTest {
    private static final int ROWS = 3;

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"3,1,0", "3,1,1", "3,2,0", "3,2,1", "4,2,1", "2,2,0"})
    void outputAndGradientsMatchTheFloat64Reference(int kernel, int stride, int padding) {
        ConvTranspose2d conv = new ConvTranspose2d(2, 3, 4, 3, kernel, stride, padding);
        Network net = new Network(List.of(conv, new ActivationLayer(Activation.TANH, conv.outputWidth()),
                new Dense(conv.outputWidth(), 2)));
        SplittableRandom rng = new SplittableRandom(kernel * 100 + stride * 10 + padding);
        float[] params = net.initialParams(rng);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (rng.nextGaussian() * 0.1); // non-zero biases too
        }
        float[] x = new float[ROWS * conv.inputWidth()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] c = new double[ROWS * 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextGaussian();
        }
        NetworkPass pass = new NetworkPass(net);
        pass.ensureRows(ROWS);
        System.arraycopy(x, 0, pass.input(), 0, x.length);
        pass.forward(params, ROWS, null);
        double[] p64 = ReferenceMlp.toDouble(params);
        double[] x64 = ReferenceMlp.toDouble(x);
        double[] convRef = convolve(conv, p64, x64);
        for (int i = 0; i < convRef.length; i++) {
            assertEquals(Math.tanh(convRef[i]), pass.layerOutput(1)[i], 1e-5, "conv output " + i);
        }
        for (int i = 0; i < c.length; i++) {
            pass.outputGrad()[i] = (float) c[i];
        }
        float[] grad = new float[net.paramCount()];
        pass.backward(params, grad, 0, true);
        ToDoubleFunction<double[]> lossOfParams = p -> dot(c, reference(conv, p, x64));
        ToDoubleFunction<double[]> lossOfInput = in -> dot(c, reference(conv, p64, in));
        ReferenceMlp.assertGradientMatches(grad, lossOfParams, p64, "transposed convolution parameters, relative error ");
        ReferenceMlp.assertGradientMatches(java.util.Arrays.copyOf(pass.inputGrad(), x.length), lossOfInput, x64,
                "transposed convolution input, relative error ");
    }

    /** conv, tanh, dense to 2, in float64. */
    private static double[] reference(ConvTranspose2d conv, double[] p, double[] x) {
        double[] h = convolve(conv, p, x);
        int width = conv.outputWidth();
        int dense = conv.paramCount();
        double[] out = new double[ROWS * 2];
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < 2; k++) {
                double z = p[dense + width * 2 + k];
                for (int j = 0; j < width; j++) {
                    z += Math.tanh(h[r * width + j]) * p[dense + j * 2 + k];
                }
                out[r * 2 + k] = z;
            }
        }
        return out;
    }

    /** The pre-activations by the definition: each input pixel adds W times itself at kernel offsets from its stride-scaled place. */
    private static double[] convolve(ConvTranspose2d conv, double[] p, double[] x) {
        int oh = conv.outHeight();
        int ow = conv.outWidth();
        int k = conv.kernel();
        int taps = conv.outChannels() * k * k;
        double[] out = new double[ROWS * conv.outputWidth()];
        for (int r = 0; r < ROWS; r++) {
            for (int o = 0; o < conv.outChannels(); o++) {
                for (int i = 0; i < oh * ow; i++) {
                    out[r * conv.outputWidth() + o * oh * ow + i] = p[conv.inChannels() * taps + o];
                }
            }
            for (int ic = 0; ic < conv.inChannels(); ic++) {
                for (int iy = 0; iy < conv.inHeight(); iy++) {
                    for (int ix = 0; ix < conv.inWidth(); ix++) {
                        double v = x[r * conv.inputWidth() + (ic * conv.inHeight() + iy) * conv.inWidth() + ix];
                        for (int o = 0; o < conv.outChannels(); o++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int oy = iy * conv.stride() - conv.padding() + ky;
                                    int ox = ix * conv.stride() - conv.padding() + kx;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        out[r * conv.outputWidth() + (o * oh + oy) * ow + ox] += p[ic * taps + (o * k + ky) * k + kx] * v;
                                    }
                                }
                            }
                        }
                    }
                }
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
