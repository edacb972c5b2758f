package sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.math.Activation;
import sparkgan.testing.ReferenceMlp;
import sparkgan.testing.TestData;

/** The instance-noise layer: what it adds, where, and that gradients pass it as finite differences say. */
class InstanceNoiseTest {
    private static final int ROWS = 400;

    @Test
    void trainingAddsNoiseOfTheDeclaredSpreadToTheNoisyColumnsOnlyAndInferencePassesThrough() {
        Network net = new Network(List.of(new InstanceNoise(0.3f, 5, 3)));
        NetworkPass pass = new NetworkPass(net);
        pass.ensureRows(ROWS);
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = new float[ROWS * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        System.arraycopy(x, 0, pass.input(), 0, x.length);
        pass.forward(new float[0], ROWS, null);
        assertArrayEquals(x, java.util.Arrays.copyOf(pass.output(), x.length), "inference adds nothing");

        pass.forward(new float[0], ROWS, new SplittableRandom(8));
        double sum = 0;
        double squares = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < 5; c++) {
                double d = pass.output()[r * 5 + c] - x[r * 5 + c];
                if (c >= 3) {
                    assertEquals(0.0, d, "label column " + c + " of row " + r + " untouched");
                } else {
                    sum += d;
                    squares += d * d;
                }
            }
        }
        double n = ROWS * 3;
        double sd = Math.sqrt(squares / n - (sum / n) * (sum / n));
        assertEquals(0.0, sum / n, 0.03, "mean of the noise");
        assertEquals(0.3, sd, 0.02, "spread of the noise");
    }

    @Test
    void gradientsThroughTheNoiseMatchFiniteDifferences() {
        Network net = new Network(List.of(new InstanceNoise(0.5f, 4, 4), new Dense(4, 3), new ActivationLayer(Activation.TANH, 3),
                new Dense(3, 2)));
        int n = 5;
        SplittableRandom rng = new SplittableRandom(4);
        float[] params = net.initialParams(rng);
        float[] x = new float[n * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] c = {0.3, -1.1, 0.7, 0.2, -0.4, 0.9, 1.3, -0.8, 0.5, -0.2};
        NetworkPass pass = new NetworkPass(net);
        pass.ensureRows(n);
        System.arraycopy(x, 0, pass.input(), 0, x.length);
        pass.forward(params, n, new SplittableRandom(13));
        double[] noised = ReferenceMlp.toDouble(java.util.Arrays.copyOf(pass.layerOutput(0), n * 4));
        for (int i = 0; i < c.length; i++) {
            pass.outputGrad()[i] = (float) c[i];
        }
        float[] grad = new float[net.paramCount()];
        pass.backward(params, grad, 0, true);

        // The float64 reference: the same network on the input plus the noise the pass drew.
        double[] noise = new double[n * 4];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = noised[i] - x[i];
        }
        java.util.function.ToDoubleFunction<double[]> lossOfInput = in -> dot(c, reference(ReferenceMlp.toDouble(params), add(in, noise), n));
        java.util.function.ToDoubleFunction<double[]> lossOfParams = p -> dot(c, reference(p, noised, n));
        ReferenceMlp.assertGradientMatches(grad, lossOfParams, ReferenceMlp.toDouble(params), "parameters behind instance noise ");
        ReferenceMlp.assertGradientMatches(java.util.Arrays.copyOf(pass.inputGrad(), n * 4), lossOfInput, ReferenceMlp.toDouble(x),
                "input through instance noise ");
    }

    /** dense 4->3, tanh, dense 3->2 in float64, parameters laid out as the network lays them. */
    private static double[] reference(double[] p, double[] x, int n) {
        double[] out = new double[n * 2];
        for (int r = 0; r < n; r++) {
            double[] h = new double[3];
            for (int j = 0; j < 3; j++) {
                double z = p[12 + j];
                for (int i = 0; i < 4; i++) {
                    z += x[r * 4 + i] * p[i * 3 + j];
                }
                h[j] = Math.tanh(z);
            }
            for (int k = 0; k < 2; k++) {
                double z = p[15 + 6 + k];
                for (int j = 0; j < 3; j++) {
                    z += h[j] * p[15 + j * 2 + k];
                }
                out[r * 2 + k] = z;
            }
        }
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void aGanWithInstanceNoiseTrainsToTheSameBitsOnSparkAndInProcess() {
        GanConfig config = TestData.tinyConfig().with("d.inputNoise", "0.2").with("train.steps", "6");
        sparkgan.data.ImageSource data = TestData.mnistOrEmbedded(600);
        float[][] spark;
        try (sparkgan.spark.SparkEngine engine = sparkgan.spark.SparkEngine.load(sparkgan.testing.SparkTestContext.get(),
                GanSpec.from(config), data, 3, 2)) {
            spark = fit(config, engine);
        }
        float[][] local;
        try (sparkgan.train.LocalEngine engine = sparkgan.train.LocalEngine.load(GanSpec.from(config), data, 3, 2)) {
            local = fit(config, engine);
        }
        assertArrayEquals(spark[0], local[0], "G");
        assertArrayEquals(spark[1], local[1], "D");
        float[][] quiet;
        GanConfig off = config.with("d.inputNoise", "0");
        try (sparkgan.train.LocalEngine engine = sparkgan.train.LocalEngine.load(GanSpec.from(off), data, 3, 2)) {
            quiet = fit(off, engine);
        }
        assertTrue(!java.util.Arrays.equals(local[1], quiet[1]), "the noise changes what D learns");
    }

    private static float[][] fit(GanConfig config, sparkgan.train.GradientEngine engine) {
        sparkgan.train.Training training = sparkgan.train.Training.of(config, engine);
        sparkgan.train.TrainingState state = training.initialState();
        training.fit(state);
        return new float[][] {state.generator().values().clone(), state.discriminator().values().clone()};
    }

    @Test
    void theKeyPutsTheLayerInFrontOfDAndOffLeavesDAsItWas() {
        GanConfig tiny = TestData.tinyConfig();
        GanSpec off = GanSpec.from(tiny);
        GanSpec on = GanSpec.from(tiny.with("d.inputNoise", "0.1"));
        assertEquals(new InstanceNoise(0.1f, 784, 784), on.discriminator().layer(0));
        assertEquals(off.discriminator().layers(), on.discriminator().layers().subList(1, on.discriminator().layers().size()));
        assertEquals(off.discriminatorParams(), on.discriminatorParams(), "the noise has no parameters");
        assertTrue(off.discriminator().layers().stream().noneMatch(InstanceNoise.class::isInstance));
    }
}
