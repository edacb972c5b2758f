package sparkgan.gan;

import sparkgan.math.Noise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.testing.MlpSpec;
import sparkgan.testing.ReferenceMlp;
import sparkgan.nn.ParamSlice;
import java.util.List;

/**
 * The two GAN steps end to end against finite differences of a float64 composition: D's gradient
 * of the D objective, and G's gradient of the G objective flowing through a frozen D with dropout.
 */
class GanKernelGradientTest {
    private static final int N = 3;

    @ParameterizedTest(name = "loss {0}, minimax {1}")
    @CsvSource({"BCE,false", "BCE,true", "MSE,false", "MSE,true"})
    void bothStepsMatchFiniteDifferences(Loss loss, boolean minimax) {
        MlpSpec g = new MlpSpec(new int[] {4, 6, 9}, Activation.LEAKY_RELU, Activation.TANH, 0f);
        MlpSpec d = new MlpSpec(new int[] {9, 5, 1}, Activation.TANH, Activation.LINEAR, 0.5f);
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(), new Objective(loss, minimax, 0.9f), new Latent(Noise.GAUSSIAN, 0, 0));
        SplittableRandom rng = new SplittableRandom(3);
        float[] gp = g.initialParams(rng);
        float[] dp = d.initialParams(rng);
        float[] real = ReferenceMlp.uniformRows(rng, N * 9);
        float[] noise = new float[N * 4];
        Noise.GAUSSIAN.fill(rng, noise, 0, N, 4);
        boolean bce = loss == Loss.BCE;
        double[] g64 = ReferenceMlp.toDouble(gp);
        double[] d64 = ReferenceMlp.toDouble(dp);
        double[] z64 = ReferenceMlp.toDouble(noise);
        double[] x64 = ReferenceMlp.toDouble(real);

        // D step: real rows then fakes, one D pass over 2N rows with masks drawn from the stream.
        GanKernel kernel = new GanKernel(spec);
        float[] gradD = new float[d.paramCount()];
        double[] stats = new double[GanKernel.STATS];
        kernel.discriminatorGradient(gp, dp, new Minibatch(N, noise, real, null, null), new SplittableRandom(9), new ParamSlice(gradD, 0), new StatSums(stats, 0));
        double[][] dMasks = ReferenceMlp.masks(d, 2 * N, new SplittableRandom(9));
        java.util.function.ToDoubleFunction<double[]> dObjective = dparams -> {
            double[] fake = ReferenceMlp.forward(g, g64, z64, N, null);
            double[] logits = ReferenceMlp.forward(d, dparams, ReferenceMlp.stack(x64, fake), 2 * N, dMasks);
            double s = 0;
            for (int i = 0; i < 2 * N; i++) {
                s += ReferenceMlp.loss(bce, logits[i], i < N ? 0.9 : 0.0);
            }
            return s;
        };
        double errD = ReferenceMlp.gradientError(gradD, dObjective, d64);
        assertTrue(errD < 1e-4, "D gradient relative error " + errD);
        assertEquals(dObjective.applyAsDouble(d64), stats[GanKernel.STAT_LOSS], 1e-4, "D loss sum");
        assertEquals(N, stats[GanKernel.STAT_REAL_COUNT]);

        // G step: G(z) through D (frozen, dropout on) with the generator's objective.
        float[] gradG = new float[g.paramCount()];
        double[] gStats = new double[GanKernel.STATS];
        kernel.generatorGradient(gp, dp, new Minibatch(N, noise, null, null, null), new SplittableRandom(21), new ParamSlice(gradG, 0), new StatSums(gStats, 0));
        double[][] gMasks = ReferenceMlp.masks(d, N, new SplittableRandom(21));
        java.util.function.ToDoubleFunction<double[]> gObjective = gparams -> {
            double[] fake = ReferenceMlp.forward(g, gparams, z64, N, null);
            double[] logits = ReferenceMlp.forward(d, d64, fake, N, gMasks);
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += minimax ? -ReferenceMlp.loss(bce, logits[i], 0.0) : ReferenceMlp.loss(bce, logits[i], 1.0);
            }
            return s;
        };
        double errG = ReferenceMlp.gradientError(gradG, gObjective, g64);
        assertTrue(errG < 1e-4, "G gradient relative error " + errG);
        assertEquals(gObjective.applyAsDouble(g64), gStats[GanKernel.STAT_LOSS], 1e-4, "G loss sum");
    }

    /**
     * The chain step of the reference experiment: one pass gives G's gradient (as the G step) and
     * D's gradient of the same generator loss, for the throw-away copy of D.
     */
    @ParameterizedTest(name = "loss {0}")
    @CsvSource({"BCE", "MSE"})
    void chainStepGivesBothGradientsOfTheGeneratorLoss(Loss loss) {
        MlpSpec g = new MlpSpec(new int[] {4, 6, 9}, Activation.SIGMOID, Activation.SIGMOID, 0f);
        MlpSpec d = new MlpSpec(new int[] {9, 5, 1}, Activation.SIGMOID, Activation.LINEAR, 0.5f);
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(), new Objective(loss, false, 1f), new Latent(Noise.GAUSSIAN_MINMAX, 0, 0));
        SplittableRandom rng = new SplittableRandom(5);
        float[] gp = g.initialParams(rng);
        float[] dp = d.initialParams(rng);
        float[] noise = new float[N * 4];
        Noise.GAUSSIAN_MINMAX.fill(rng, noise, 0, N, 4);
        boolean bce = loss == Loss.BCE;
        float[] grad = new float[d.paramCount() + g.paramCount()];
        double[] stats = new double[GanKernel.STATS];
        new GanKernel(spec).chainGradient(gp, dp, new Minibatch(N, noise, null, null, null), new SplittableRandom(13), grad, new StatSums(stats, 0));
        double[][] masks = ReferenceMlp.masks(d, N, new SplittableRandom(13));
        double[] z64 = ReferenceMlp.toDouble(noise);
        double[] g64 = ReferenceMlp.toDouble(gp);
        double[] d64 = ReferenceMlp.toDouble(dp);
        java.util.function.BiFunction<double[], double[], Double> objective = (gparams, dparams) -> {
            double[] logits = ReferenceMlp.forward(d, dparams, ReferenceMlp.forward(g, gparams, z64, N, null), N, masks);
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += ReferenceMlp.loss(bce, logits[i], 1.0);
            }
            return s;
        };
        double[] numericD = new double[d.paramCount()];
        for (int i = 0; i < numericD.length; i++) {
            numericD[i] = ReferenceMlp.numericGradient(p -> objective.apply(g64, p), d64, i, 1e-6);
        }
        double[] numericG = new double[g.paramCount()];
        for (int i = 0; i < numericG.length; i++) {
            numericG[i] = ReferenceMlp.numericGradient(p -> objective.apply(p, d64), g64, i, 1e-6);
        }
        double[] all = ReferenceMlp.toDouble(grad);
        double errD = ReferenceMlp.relativeError(java.util.Arrays.copyOfRange(all, 0, d.paramCount()), numericD);
        double errG = ReferenceMlp.relativeError(java.util.Arrays.copyOfRange(all, d.paramCount(), all.length), numericG);
        assertTrue(errD < 1e-4, "D part of the chain gradient, relative error " + errD);
        assertTrue(errG < 1e-4, "G part of the chain gradient, relative error " + errG);
        assertEquals(objective.apply(g64, d64), stats[GanKernel.STAT_LOSS], 1e-4, "chain loss sum");
    }
}
