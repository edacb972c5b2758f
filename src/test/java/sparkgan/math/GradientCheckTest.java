package sparkgan.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import sparkgan.nn.NetworkPass;
import sparkgan.testing.MlpSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sparkgan.testing.ReferenceMlp;

/**
 * Every layer, activation and dropout setting: the float32 backward pass against central finite
 * differences of an independent float64 forward pass.
 */
class GradientCheckTest {
    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            for (Activation out : new Activation[] {Activation.LINEAR, Activation.SIGMOID, Activation.TANH}) {
                for (float dropout : new float[] {0f, 0.5f}) {
                    cases.add(Arguments.of(hidden, out, dropout));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "hidden {0}, output {1}, dropout {2}")
    @MethodSource("networks")
    void mlpGradientsMatchFiniteDifferences(Activation hidden, Activation output, float dropout) {
        MlpSpec spec = new MlpSpec(new int[] {5, 7, 6, 3}, hidden, output, dropout);
        int n = 4;
        SplittableRandom rng = new SplittableRandom(11);
        float[] params = spec.initialParams(rng);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (rng.nextGaussian() * 0.1); // non-zero biases too
        }
        float[] x = new float[n * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] c = new double[n * 3];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextGaussian();
        }

        NetworkPass mlp = new NetworkPass(spec.network());
        mlp.ensureRows(n);
        System.arraycopy(x, 0, mlp.input(), 0, x.length);
        mlp.forward(params, n, new SplittableRandom(5));
        for (int i = 0; i < c.length; i++) {
            mlp.outputGrad()[i] = (float) c[i];
        }
        float[] grad = new float[spec.paramCount()];
        mlp.backward(params, grad, 0, true);

        double[][] masks = ReferenceMlp.masks(spec, n, new SplittableRandom(5));
        double[] p64 = ReferenceMlp.toDouble(params);
        double[] x64 = ReferenceMlp.toDouble(x);
        java.util.function.ToDoubleFunction<double[]> lossOfParams = p -> dot(c, ReferenceMlp.forward(spec, p, x64, n, masks));
        java.util.function.ToDoubleFunction<double[]> lossOfInput = in -> dot(c, ReferenceMlp.forward(spec, p64, in, n, masks));

        // The float32 forward pass agrees with the float64 reference.
        double[] ref = ReferenceMlp.forward(spec, p64, x64, n, masks);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], mlp.output()[i], 1e-5 * (1 + Math.abs(ref[i])), "output " + i);
        }
        double[] numeric = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            numeric[i] = ReferenceMlp.numericGradient(lossOfParams, p64, i, 1e-6);
        }
        double errParams = ReferenceMlp.relativeError(ReferenceMlp.toDouble(grad), numeric);
        assertTrue(errParams < 1e-4, "parameter gradient relative error " + errParams);

        double[] numericInput = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            numericInput[i] = ReferenceMlp.numericGradient(lossOfInput, x64, i, 1e-6);
        }
        float[] inputGrad = java.util.Arrays.copyOf(mlp.inputGrad(), x.length);
        double errInput = ReferenceMlp.relativeError(ReferenceMlp.toDouble(inputGrad), numericInput);
        assertTrue(errInput < 1e-4, "input gradient relative error " + errInput);
    }

    @Test
    void lossGradientsMatchFiniteDifferencesAndStayFinite() {
        for (Loss loss : Loss.values()) {
            boolean bce = loss == Loss.BCE;
            for (float y : new float[] {0f, 0.9f, 1f}) {
                for (float z = -6f; z <= 6f; z += 0.37f) {
                    float zz = z;
                    double expected = ReferenceMlp.loss(bce, z, y);
                    assertEquals(expected, loss.value(z, y), 1e-6 * (1 + expected), loss + " value at " + z);
                    double numeric = ReferenceMlp.numericGradient(v -> ReferenceMlp.loss(bce, v[0], y), new double[] {zz}, 0, 1e-6);
                    assertEquals(numeric, loss.gradient(z, y), 1e-5, loss + " gradient at z=" + z + " y=" + y);
                }
            }
            // Extreme logits: the from-logit form stays finite where log(sigmoid) would not.
            assertTrue(Double.isFinite(loss.value(200f, 0f)) && Double.isFinite(loss.value(-200f, 1f)));
        }
        assertEquals(200.0, Loss.BCE.value(200f, 0f), 1e-9);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
