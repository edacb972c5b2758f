package sparkgan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import sparkgan.math.Activation;
import sparkgan.nn.ActivationLayer;
import sparkgan.nn.Dense;
import sparkgan.nn.Layer;
import sparkgan.nn.Network;
import sparkgan.nn.NetworkPass;

/**
 * Checks a layer against a float64 reference of it: the layer is run inside layer -> tanh -> dense 2
 * (so that its outputs meet a non-linear loss), its outputs compared with the reference's, and the
 * gradients of all parameters and of the input compared with finite differences of the composition.
 */
public final class LayerCheck {
    /** The layer's outputs (before the tanh) in float64, for {@code rows} rows of input, from its own parameters. */
    @FunctionalInterface
    public interface Reference {
        double[] outputs(double[] layerParams, double[] input, int rows);
    }

    private LayerCheck() {
    }

    public static void check(Layer layer, Reference reference, int rows, long seed) {
        Network net = new Network(List.of(layer, new ActivationLayer(Activation.TANH, layer.outputWidth()), new Dense(layer.outputWidth(), 2)));
        SplittableRandom rng = new SplittableRandom(seed);
        float[] params = net.initialParams(rng);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (rng.nextGaussian() * 0.1); // non-zero biases too
        }
        float[] x = new float[rows * layer.inputWidth()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] c = new double[rows * 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextGaussian();
        }
        NetworkPass pass = new NetworkPass(net);
        pass.ensureRows(rows);
        System.arraycopy(x, 0, pass.input(), 0, x.length);
        pass.forward(params, rows, null);
        double[] p64 = ReferenceMlp.toDouble(params);
        double[] x64 = ReferenceMlp.toDouble(x);
        double[] expected = reference.outputs(p64, x64, rows);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Math.tanh(expected[i]), pass.layerOutput(1)[i], 1e-5, layer + ": output " + i);
        }
        for (int i = 0; i < c.length; i++) {
            pass.outputGrad()[i] = (float) c[i];
        }
        float[] grad = new float[net.paramCount()];
        pass.backward(params, grad, 0, true);
        ToDoubleFunction<double[]> lossOfParams = p -> dot(c, composed(layer, reference, p, x64, rows));
        ToDoubleFunction<double[]> lossOfInput = in -> dot(c, composed(layer, reference, p64, in, rows));
        ReferenceMlp.assertGradientMatches(grad, lossOfParams, p64, layer + ": parameters, relative error ");
        ReferenceMlp.assertGradientMatches(Arrays.copyOf(pass.inputGrad(), x.length), lossOfInput, x64, layer + ": input, relative error ");
    }

    /** layer, tanh, dense to 2, in float64 (the dense layer's parameters follow the layer's). */
    private static double[] composed(Layer layer, Reference reference, double[] p, double[] x, int rows) {
        double[] h = reference.outputs(p, x, rows);
        int width = layer.outputWidth();
        int dense = layer.paramCount();
        double[] out = new double[rows * 2];
        for (int r = 0; r < rows; r++) {
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

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
