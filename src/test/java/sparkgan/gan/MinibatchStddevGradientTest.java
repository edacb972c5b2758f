package sparkgan.gan;

import sparkgan.math.Noise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkgan.BadInputException;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.testing.MlpSpec;
import sparkgan.testing.ReferenceMlp;
import sparkgan.nn.ParamSlice;
import sparkgan.gan.head.MinibatchStddevHead;
import java.util.List;

/**
 * D's minibatch standard deviation against finite differences of a float64 composition: each row's
 * logit gains w_s times the mean over the last hidden features of their standard deviation within the
 * row's group, groups of {@code group} consecutive rows that never straddle the real and fake halves.
 * With 5 rows per half and groups of 2, every half ends with a group of one (deviation ~0).
 */
class MinibatchStddevGradientTest {
    private static final int N = 5;
    private static final int NZ = 4;
    private static final int PX = 6;

    /** The float64 feature s of every row: groups of {@code group} rows inside segments of {@code segment}. */
    private static double[] stddevFeature(double[] hidden, int h, int rows, int segment, int group) {
        double[] s = new double[rows];
        for (int start = 0; start < rows; start += segment) {
            int end = Math.min(rows, start + segment);
            for (int g0 = start; g0 < end; g0 += group) {
                int size = Math.min(group, end - g0);
                double total = 0;
                for (int j = 0; j < h; j++) {
                    double mean = 0;
                    for (int r = g0; r < g0 + size; r++) {
                        mean += hidden[r * h + j];
                    }
                    mean /= size;
                    double var = 0;
                    for (int r = g0; r < g0 + size; r++) {
                        var += (hidden[r * h + j] - mean) * (hidden[r * h + j] - mean);
                    }
                    total += Math.sqrt(var / size + 1e-8);
                }
                for (int r = g0; r < g0 + size; r++) {
                    s[r] = total / h;
                }
            }
        }
        return s;
    }

    /** D's logits with the feature, w_s being D's last parameter. */
    private static double[] logits(MlpSpec d, double[] dparams, double[] in, int rows, double[][] masks, int segment, int group) {
        double[] logits = ReferenceMlp.forward(d, dparams, in, rows, masks);
        int h = d.size(d.layers() - 1);
        double[] s = stddevFeature(ReferenceMlp.lastHidden(d, dparams, in, rows, masks), h, rows, segment, group);
        for (int r = 0; r < rows; r++) {
            logits[r] += dparams[dparams.length - 1] * s[r];
        }
        return logits;
    }


    @ParameterizedTest(name = "group {0}")
    @CsvSource({"2", "3", "8"})
    void bothStepsMatchFiniteDifferences(int group) {
        MlpSpec g = new MlpSpec(new int[] {NZ, 5, PX}, Activation.LEAKY_RELU, Activation.TANH, 0f);
        MlpSpec d = new MlpSpec(new int[] {PX, 7, 5, 1}, Activation.LEAKY_RELU, Activation.LINEAR, 0.5f);
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(new MinibatchStddevHead(group, d.size(d.layers() - 1))), new Objective(Loss.BCE, false, 0.9f), new Latent(Noise.GAUSSIAN, 0, 0));
        assertEquals(d.paramCount() + 1, spec.discriminatorParams());
        SplittableRandom rng = new SplittableRandom(12);
        float[] gp = g.initialParams(rng);
        float[] dp = spec.initialDiscriminator(rng);
        // A non-zero weight, so the feature's path into D's hidden layers (and G) is exercised.
        dp[spec.headOffset(MinibatchStddevHead.class)] = 0.8f;
        float[] real = ReferenceMlp.uniformRows(rng, N * PX);
        float[] noise = new float[N * NZ];
        Noise.GAUSSIAN.fill(rng, noise, 0, N, NZ);
        double[] g64 = ReferenceMlp.toDouble(gp);
        double[] d64 = ReferenceMlp.toDouble(dp);
        double[] z64 = ReferenceMlp.toDouble(noise);
        double[] x64 = ReferenceMlp.toDouble(real);
        GanKernel kernel = new GanKernel(spec);

        float[] gradD = new float[spec.discriminatorParams()];
        double[] stats = new double[GanKernel.STATS];
        kernel.discriminatorGradient(gp, dp, new Minibatch(N, noise, real, null, null), new SplittableRandom(9), new ParamSlice(gradD, 0), new StatSums(stats, 0));
        double[][] dMasks = ReferenceMlp.masks(d, 2 * N, new SplittableRandom(9));
        ToDoubleFunction<double[]> dObjective = dparams -> {
            double[] fake = ReferenceMlp.forward(g, g64, z64, N, null);
            double[] both = ReferenceMlp.stack(x64, fake);
            double[] z = logits(d, dparams, both, 2 * N, dMasks, N, group);
            double s = 0;
            for (int i = 0; i < 2 * N; i++) {
                s += ReferenceMlp.loss(true, z[i], i < N ? 0.9 : 0.0);
            }
            return s;
        };
        ReferenceMlp.assertGradientMatches(gradD, dObjective, d64, "D gradient with minibatch stddev, relative error ");
        assertTrue(Math.abs(gradD[spec.headOffset(MinibatchStddevHead.class)]) > 1e-4, "w_s gets a gradient");
        assertEquals(dObjective.applyAsDouble(d64), stats[GanKernel.STAT_LOSS], 1e-4, "D's loss includes the feature");

        float[] gradG = new float[g.paramCount()];
        kernel.generatorGradient(gp, dp, new Minibatch(N, noise, null, null, null), new SplittableRandom(21), new ParamSlice(gradG, 0), new StatSums(new double[GanKernel.STATS], 0));
        double[][] gMasks = ReferenceMlp.masks(d, N, new SplittableRandom(21));
        ToDoubleFunction<double[]> gObjective = gparams -> {
            double[] fake = ReferenceMlp.forward(g, gparams, z64, N, null);
            double[] z = logits(d, d64, fake, N, gMasks, N, group);
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += ReferenceMlp.loss(true, z[i], 1.0);
            }
            return s;
        };
        ReferenceMlp.assertGradientMatches(gradG, gObjective, g64, "G gradient through D's minibatch stddev, relative error ");
    }

    /** The feature moves the logits: without it (w_s = 0) they differ from a run with w_s != 0. */
    @Test
    void theFeatureReachesTheLogitsAndGroupsStayInsideAHalf() {
        MlpSpec g = new MlpSpec(new int[] {NZ, 5, PX}, Activation.LEAKY_RELU, Activation.TANH, 0f);
        MlpSpec d = new MlpSpec(new int[] {PX, 7, 5, 1}, Activation.LEAKY_RELU, Activation.LINEAR, 0f);
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(new MinibatchStddevHead(4, d.size(d.layers() - 1))), new Objective(Loss.BCE, false, 1f), new Latent(Noise.GAUSSIAN, 0, 0));
        SplittableRandom rng = new SplittableRandom(3);
        float[] gp = g.initialParams(rng);
        float[] dp = spec.initialDiscriminator(rng);
        float[] real = ReferenceMlp.uniformRows(rng, N * PX);
        float[] noise = new float[N * NZ];
        Noise.GAUSSIAN.fill(rng, noise, 0, N, NZ);
        double[] off = new double[GanKernel.STATS];
        new GanKernel(spec).discriminatorGradient(gp, dp, new Minibatch(N, noise, real, null, null), null, new ParamSlice(new float[dp.length], 0), new StatSums(off, 0));
        dp[spec.headOffset(MinibatchStddevHead.class)] = 2f;
        double[] on = new double[GanKernel.STATS];
        new GanKernel(spec).discriminatorGradient(gp, dp, new Minibatch(N, noise, real, null, null), null, new ParamSlice(new float[dp.length], 0), new StatSums(on, 0));
        assertTrue(Math.abs(on[GanKernel.STAT_LOSS] - off[GanKernel.STAT_LOSS]) > 1e-3, "w_s changes D's loss");
        // The float64 composition with groups inside each half gives the same loss; groups of 4 over
        // the 10 rows as one segment would not (rows 4-7 would mix real and fake).
        double[] both = ReferenceMlp.stack(ReferenceMlp.toDouble(real),
                ReferenceMlp.forward(g, ReferenceMlp.toDouble(gp), ReferenceMlp.toDouble(noise), N, null));
        double[] z = logits(d, ReferenceMlp.toDouble(dp), both, 2 * N, null, N, 4);
        double[] straddling = logits(d, ReferenceMlp.toDouble(dp), both, 2 * N, null, 2 * N, 4);
        double apart = 0;
        double mixed = 0;
        for (int i = 0; i < 2 * N; i++) {
            apart += ReferenceMlp.loss(true, z[i], i < N ? 1.0 : 0.0);
            mixed += ReferenceMlp.loss(true, straddling[i], i < N ? 1.0 : 0.0);
        }
        assertEquals(apart, on[GanKernel.STAT_LOSS], 1e-4);
        assertTrue(Math.abs(mixed - on[GanKernel.STAT_LOSS]) > 1e-3, "groups across the halves would give another loss");
    }

    @Test
    void aGroupOfOneIsRejected() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> GanSpec.from(sparkgan.testing.TestData.tinyConfig().with("d.minibatchStd", "1")));
        assertTrue(e.getMessage().contains("d.minibatchStd"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinibatchStddevHead(1, 5));
    }
}
