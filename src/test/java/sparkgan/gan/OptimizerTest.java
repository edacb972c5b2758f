package sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;

/**
 * The optimizers against float64 transcriptions of their textbook definitions: Adam as Kingma and
 * Ba (2015) write it (bias-corrected moments, eps outside the square root), SGD with classical
 * momentum, and L2 weight decay on the masked entries (weights) only.
 */
class OptimizerTest {
    private static final int N = 7;
    private static final boolean[] MASK = {true, true, false, true, false, true, true};

    private static float[][] gradients(int steps, long seed) {
        Random r = new Random(seed);
        float[][] g = new float[steps][N];
        for (float[] row : g) {
            for (int i = 0; i < N; i++) {
                row[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 3));
            }
        }
        return g;
    }

    private static float[] start() {
        return new float[] {0.5f, -0.25f, 1f, 0f, -2f, 0.125f, 3f};
    }

    private static void assertClose(double[] expected, float[] actual, double relative) {
        for (int i = 0; i < N; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(1e-3, Math.abs(expected[i])), "entry " + i);
        }
    }

    @Test
    void adamMatchesKingmaAndBaWithBiasCorrectionAndMaskedWeightDecay() {
        float lr = 0.01f;
        float b1 = 0.5f;
        float b2 = 0.999f;
        float wd = 0.1f;
        Optimizer adam = Optimizer.adam(lr, b1, b2, wd, MASK);
        float[] w = start();
        double[] ref = new double[N];
        double[] m = new double[N];
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            ref[i] = w[i];
        }
        float[][] g = gradients(25, 3);
        for (int t = 1; t <= g.length; t++) {
            for (int i = 0; i < N; i++) {
                double gi = g[t - 1][i] + (MASK[i] ? wd * ref[i] : 0);
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                ref[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            adam.step(w, g[t - 1].clone());
        }
        assertClose(ref, w, 1e-4);
        assertEquals(25f, adam.state()[2][0], "the step count is part of the state");
    }

    @Test
    void firstAdamStepMovesEachWeightByTheLearningRate() {
        // With bias correction the first step is lr * g / |g| (up to eps): the classic check.
        Optimizer adam = Optimizer.adam(0.01f, 0.9f, 0.999f, 0f, MASK);
        float[] w = new float[N];
        float[] g = {1f, -2f, 3e-3f, -4e-2f, 5f, 6f, -7f};
        adam.step(w, g.clone());
        for (int i = 0; i < N; i++) {
            assertEquals(-0.01 * Math.signum(g[i]), w[i], 1e-6, "entry " + i);
        }
    }

    @Test
    void sgdWithMomentumMatchesItsDefinition() {
        GanConfig c = GanConfig.defaults().with("d.optimizer", "momentum").with("d.lr", "0.05").with("d.momentum", "0.9")
                .with("d.weightDecay", "0.01");
        Optimizer sgd = Optimizer.from(c, GanParams.D_OPT, MASK);
        float[] w = start();
        double[] ref = new double[N];
        double[] vel = new double[N];
        for (int i = 0; i < N; i++) {
            ref[i] = w[i];
        }
        for (float[] g : gradients(30, 5)) {
            for (int i = 0; i < N; i++) {
                double gi = g[i] + (MASK[i] ? 0.01 * ref[i] : 0);
                vel[i] = 0.9 * vel[i] - 0.05 * gi;
                ref[i] += vel[i];
            }
            sgd.step(w, g.clone());
        }
        // float32 state over 30 steps: agreement to 1e-3 relative; a wrong sign, rate or mask is off by far more.
        assertClose(ref, w, 1e-3);
    }

    @Test
    void plainSgdAndTheScheduleFactor() {
        GanConfig c = GanConfig.defaults().with("g.optimizer", "sgd").with("g.lr", "0.5").with("g.weightDecay", "0");
        Optimizer sgd = Optimizer.from(c, GanParams.G_OPT, MASK);
        sgd.scaleLearningRate(0.5);
        float[] w = {1f, 1f, 1f, 1f, 1f, 1f, 1f};
        sgd.step(w, new float[] {1f, 2f, 0f, -1f, 4f, 0.5f, -2f});
        assertArrayEquals(new float[] {0.75f, 0.5f, 1f, 1.25f, 0f, 0.875f, 1.5f}, w);
    }
}
