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
 * The convolution against a float64 composition written out as loops: its output, and the
 * gradients of the parameters and of the input by finite differences, for stride 1 and 2, padding
 * 0 and 1, an even and odd kernel, on an odd-sized input with two channels.
 */
class Conv2dGradientTest {
    private static final int ROWS = 3;

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"3,1,0", "3,1,1", "3,2,0", "3,2,1", "2,2,1", "1,1,0"})
    void outputAndGradientsMatchTheFloat64Reference(int kernel, int stride, int padding) {
        Conv2d conv = new Conv2d(2, 5, 6, 3, kernel, stride, padding);
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
        ReferenceMlp.assertGradientMatches(grad, lossOfParams, p64, "convolution parameters, relative error ");
        ReferenceMlp.assertGradientMatches(java.util.Arrays.copyOf(pass.inputGrad(), x.length), lossOfInput, x64,
                "convolution input, relative error ");
    }

    /** conv, tanh, dense to 2, in float64. */
    private static double[] reference(Conv2d conv, double[] p, double[] x) {
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

    /** The convolution's pre-activations by the definition: a sum over channels and kernel taps, zero outside. */
    private static double[] convolve(Conv2d conv, double[] p, double[] x) {
        int oh = conv.outHeight();
        int ow = conv.outWidth();
        int k = conv.kernel();
        int taps = conv.inChannels() * k * k;
        double[] out = new double[ROWS * conv.outputWidth()];
        for (int r = 0; r < ROWS; r++) {
            for (int o = 0; o < conv.outChannels(); o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double z = p[conv.outChannels() * taps + o];
                        for (int ch = 0; ch < conv.inChannels(); ch++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * conv.stride() - conv.padding() + ky;
                                    int ix = ox * conv.stride() - conv.padding() + kx;
                                    if (iy >= 0 && iy < conv.inHeight() && ix >= 0 && ix < conv.inWidth()) {
                                        z += p[o * taps + (ch * k + ky) * k + kx]
                                                * x[r * conv.inputWidth() + (ch * conv.inHeight() + iy) * conv.inWidth() + ix];
                                    }
                                }
                            }
                        }
                        out[r * conv.outputWidth() + (o * oh + oy) * ow + ox] = z;
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
