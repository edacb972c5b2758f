package sparkgan.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import sparkgan.nn.NetworkPass;
import sparkgan.testing.MlpSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The branch-free element-wise loops compute, bit for bit, what their textbook branches define:
 * on the values where a trick could go wrong (both zeros, subnormals, infinities, NaN) and on many
 * random ones.
 */
class ActivationTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        -Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00000), 3.5e-20f, -7.25e12f};

    private static float[] values() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] v = new float[SPECIAL.length + 100_000];
        System.arraycopy(SPECIAL, 0, v, 0, SPECIAL.length);
        for (int i = SPECIAL.length; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-40, 39)));
        }
        return v;
    }

    @Test
    void leakyReluForwardIsTheBranchDefinition() {
        float[] x = values();
        float[] y = x.clone();
        Activation.LEAKY_RELU.apply(y, 0, y.length);
        for (int i = 0; i < x.length; i++) {
            float expected = x[i] > 0f ? x[i] : Activation.LEAKY_SLOPE * x[i];
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(y[i]), "x = " + x[i]);
        }
    }

    @Test
    void leakyReluBackwardIsTheBranchDefinition() {
        float[] y = values();
        float[] grad = new float[y.length];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) rng.nextGaussian();
        }
        float[] out = grad.clone();
        Activation.LEAKY_RELU.backward(y, out, 0, out.length);
        for (int i = 0; i < y.length; i++) {
            float expected = y[i] <= 0f ? grad[i] * Activation.LEAKY_SLOPE : grad[i];
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), "y = " + y[i]);
        }
    }

    @Test
    void tanhRoundsLikeMathTanh() {
        float[] x = values();
        SplittableRandom rng = new SplittableRandom(5);
        int differing = 0;
        for (int k = 0; k < x.length + 1_000_000; k++) {
            float v = k < x.length ? x[k] : k % 2 == 0 ? Float.intBitsToFloat(rng.nextInt()) : (float) (3 * rng.nextGaussian());
            float expected = (float) Math.tanh(v);
            float actual = Activation.tanh(v);
            if (Float.isNaN(v)) {
                assertTrue(Float.isNaN(actual), "tanh(NaN)");
                continue;
            }
            int ulps = Math.abs(Float.floatToIntBits(expected) - Float.floatToIntBits(actual));
            assertTrue(ulps <= 1, "tanh(" + v + ") = " + actual + ", Math.tanh gives " + expected);
            differing += ulps;
        }
        // Within one unit in the last place everywhere, and (as measured on 40 M floats) the same float.
        assertEquals(0, differing, "floats that differ from Math.tanh");
        float[] y = {0.5f, -0f, -2f};
        Activation.TANH.apply(y, 0, y.length);
        assertEquals(Activation.tanh(0.5f), y[0]);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(y[1]));
        assertEquals((float) Math.tanh(-2f), y[2]);
    }

    /** The masks are those of the rule "keep where nextFloat() < 1 - p", drawn in element order. */
    @ParameterizedTest
    @ValueSource(floats = {0.3f, 0.5f, 0.25f, 0.1f, 0.999f})
    void dropoutMasksFollowTheNextFloatRule(float dropout) {
        MlpSpec spec = new MlpSpec(new int[] {3, 40, 30, 1}, Activation.LEAKY_RELU, Activation.LINEAR, dropout);
        int n = 50;
        NetworkPass mlp = new NetworkPass(spec.network());
        mlp.ensureRows(n);
        SplittableRandom init = new SplittableRandom(9);
        float[] params = spec.initialParams(init);
        for (int i = 0; i < n * 3; i++) {
            mlp.input()[i] = (float) init.nextGaussian();
        }
        mlp.forward(params, n, new SplittableRandom(17));
        SplittableRandom rule = new SplittableRandom(17);
        float keep = 1f - dropout;
        float scale = 1f / keep;
        int dropped = 0;
        for (int l = 1; l < spec.layers(); l++) {
            // Hidden layer l is modules dense, activation, dropout: 3(l-1) .. 3(l-1)+2.
            float[] before = mlp.layerOutput(3 * (l - 1) + 1);
            float[] after = mlp.layerOutput(3 * (l - 1) + 2);
            for (int i = 0; i < n * spec.size(l); i++) {
                float m = rule.nextFloat() < keep ? scale : 0f;
                dropped += m == 0f ? 1 : 0;
                assertEquals(Float.floatToIntBits(before[i] * m), Float.floatToIntBits(after[i]), "layer " + l + " element " + i);
            }
        }
        // Not a vacuous comparison: some units were dropped, so both branches of the rule were compared.
        assertTrue(dropped > 0, "nothing dropped");
    }
}
