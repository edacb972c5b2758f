package sparkgan.gan;

import sparkgan.math.Noise;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.testing.MlpSpec;
import sparkgan.testing.ReferenceMlp;
import sparkgan.nn.ParamSlice;
import sparkgan.gan.head.ProjectionHead;
import sparkgan.gan.head.CodeHead;
import java.util.List;

/**
 * The conditional GAN's two steps against finite differences of a float64 composition in which the
 * one-hot label is appended to z at G's input and to the image at D's input.
 */
class ConditionalKernelGradientTest {
    private static final int N = 4;

    private static final int C = 3;
    private static final int NZ = 4;
    private static final int PX = 6;

    private static double[] withLabels(double[] rows, int width, int[] labels) {
        double[] out = new double[labels.length * (width + C)];
        for (int r = 0; r < labels.length; r++) {
            System.arraycopy(rows, r * width, out, r * (width + C), width);
            out[r * (width + C) + width + labels[r]] = 1;
        }
        return out;
    }

    @Test
    void labelsJoinBothInputsAndGradientsMatchFiniteDifferences() {
        MlpSpec g = new MlpSpec(new int[] {NZ + C, 5, PX}, Activation.LEAKY_RELU, Activation.TANH, 0f);
        MlpSpec d = new MlpSpec(new int[] {PX + C, 5, 1}, Activation.TANH, Activation.LINEAR, 0.5f);
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(), new Objective(Loss.BCE, false, 1f), new Latent(Noise.GAUSSIAN, C, 0));
        SplittableRandom rng = new SplittableRandom(4);
        float[] gp = g.initialParams(rng);
        float[] dp = d.initialParams(rng);
        float[] real = ReferenceMlp.uniformRows(rng, N * PX);
        float[] noise = new float[N * NZ];
        Noise.GAUSSIAN.fill(rng, noise, 0, N, NZ);
        int[] labels = {2, 0, 1, 2};
        double[] g64 = ReferenceMlp.toDouble(gp);
        double[] d64 = ReferenceMlp.toDouble(dp);
        double[] zIn = withLabels(ReferenceMlp.toDouble(noise), NZ, labels);
        double[] xIn = withLabels(ReferenceMlp.toDouble(real), PX, labels);
        GanKernel kernel = new GanKernel(spec);

        float[] gradD = new float[d.paramCount()];
        kernel.discriminatorGradient(gp, dp, new Minibatch(N, noise, real, labels, null), new SplittableRandom(9), new ParamSlice(gradD, 0), new StatSums(new double[GanKernel.STATS], 0));
        double[][] dMasks = ReferenceMlp.masks(d, 2 * N, new SplittableRandom(9));
        java.util.function.ToDoubleFunction<double[]> dObjective = dparams -> {
            double[] fake = withLabels(ReferenceMlp.forward(g, g64, zIn, N, null), PX, labels);
            double[] both = ReferenceMlp.stack(xIn, fake);
            double[] logits = ReferenceMlp.forward(d, dparams, both, 2 * N, dMasks);
            double s = 0;
            for (int i = 0; i < 2 * N; i++) {
                s += ReferenceMlp.loss(true, logits[i], i < N ? 1.0 : 0.0);
            }
            return s;
        };
        ReferenceMlp.assertGradientMatches(gradD, dObjective, d64, "conditional D gradient relative error ");

        float[] gradG = new float[g.paramCount()];
        kernel.generatorGradient(gp, dp, new Minibatch(N, noise, null, labels, null), new SplittableRandom(21), new ParamSlice(gradG, 0), new StatSums(new double[GanKernel.STATS], 0));
        double[][] gMasks = ReferenceMlp.masks(d, N, new SplittableRandom(21));
        java.util.function.ToDoubleFunction<double[]> gObjective = gparams -> {
            double[] fake = withLabels(ReferenceMlp.forward(g, gparams, zIn, N, null), PX, labels);
            double[] logits = ReferenceMlp.forward(d, d64, fake, N, gMasks);
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += ReferenceMlp.loss(true, logits[i], 1.0);
            }
            return s;
        };
        ReferenceMlp.assertGradientMatches(gradG, gObjective, g64, "conditional G gradient relative error ");
    }

    /** D's logits with the projection term: MLP(x, y) + <V[y], h(x, y)>, V after the MLP's parameters. */
    private static double[] projectedLogits(MlpSpec d, double[] dparams, double[] in, int rows, double[][] masks, int[] labels) {
        double[] logits = ReferenceMlp.forward(d, dparams, in, rows, masks);
        double[] h = ReferenceMlp.lastHidden(d, dparams, in, rows, masks);
        int w = d.size(d.layers() - 1);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < w; k++) {
                logits[r] += dparams[d.paramCount() + labels[r % labels.length] * w + k] * h[r * w + k];
            }
        }
        return logits;
    }

    @Test
    void projectionDiscriminatorGradientsMatchFiniteDifferences() {
        MlpSpec g = new MlpSpec(new int[] {NZ + C, 5, PX}, Activation.LEAKY_RELU, Activation.TANH, 0f);
        MlpSpec d = new MlpSpec(new int[] {PX + C, 7, 5, 1}, Activation.LEAKY_RELU, Activation.LINEAR, 0.5f);
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(new ProjectionHead(C, d.size(d.layers() - 1))), new Objective(Loss.BCE, false, 0.9f), new Latent(Noise.GAUSSIAN, C, 0));
        SplittableRandom rng = new SplittableRandom(6);
        float[] gp = g.initialParams(rng);
        float[] dp = spec.initialDiscriminator(rng);
        // A non-zero embedding, so every term of the projection is exercised.
        for (int i = spec.headOffset(ProjectionHead.class); i < dp.length; i++) {
            dp[i] = (float) rng.nextDouble(-0.5, 0.5);
        }
        float[] real = ReferenceMlp.uniformRows(rng, N * PX);
        float[] noise = new float[N * NZ];
        Noise.GAUSSIAN.fill(rng, noise, 0, N, NZ);
        int[] labels = {1, 2, 0, 1};
        double[] g64 = ReferenceMlp.toDouble(gp);
        double[] d64 = ReferenceMlp.toDouble(dp);
        double[] zIn = withLabels(ReferenceMlp.toDouble(noise), NZ, labels);
        double[] xIn = withLabels(ReferenceMlp.toDouble(real), PX, labels);
        GanKernel kernel = new GanKernel(spec);

        float[] gradD = new float[spec.discriminatorParams()];
        double[] stats = new double[GanKernel.STATS];
        kernel.discriminatorGradient(gp, dp, new Minibatch(N, noise, real, labels, null), new SplittableRandom(9), new ParamSlice(gradD, 0), new StatSums(stats, 0));
        double[][] dMasks = ReferenceMlp.masks(d, 2 * N, new SplittableRandom(9));
        java.util.function.ToDoubleFunction<double[]> dObjective = dparams -> {
            double[] fake = withLabels(ReferenceMlp.forward(g, g64, zIn, N, null), PX, labels);
            double[] both = ReferenceMlp.stack(xIn, fake);
            double[] logits = projectedLogits(d, dparams, both, 2 * N, dMasks, labels);
            double s = 0;
            for (int i = 0; i < 2 * N; i++) {
                s += ReferenceMlp.loss(true, logits[i], i < N ? 0.9 : 0.0);
            }
            return s;
        };
        ReferenceMlp.assertGradientMatches(gradD, dObjective, d64, "projection D gradient relative error ");
        assertTrue(Math.abs(dObjective.applyAsDouble(d64) - stats[GanKernel.STAT_LOSS]) < 1e-4, "D loss includes the projection");

        float[] gradG = new float[g.paramCount()];
        kernel.generatorGradient(gp, dp, new Minibatch(N, noise, null, labels, null), new SplittableRandom(21), new ParamSlice(gradG, 0), new StatSums(new double[GanKernel.STATS], 0));
        double[][] gMasks = ReferenceMlp.masks(d, N, new SplittableRandom(21));
        java.util.function.ToDoubleFunction<double[]> gObjective = gparams -> {
            double[] fake = withLabels(ReferenceMlp.forward(g, gparams, zIn, N, null), PX, labels);
            double[] logits = projectedLogits(d, d64, fake, N, gMasks, labels);
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += ReferenceMlp.loss(true, logits[i], 1.0);
            }
            return s;
        };
        ReferenceMlp.assertGradientMatches(gradG, gObjective, g64, "G gradient through the projection discriminator, relative error ");
    }

    /**
     * The code head's loss over rows [first, first + codes.length), Q after D's MLP parameters with
     * C logits and then M continuous predictions: weight * the softmax cross-entropy against the code
     * plus continuousWeight * half the squared error against the row's first M noise values.
     */
    private static double codeLoss(MlpSpec d, double[] dparams, double[] in, int rows, double[][] masks, int[] codes, int first,
                                   double[] noise, int m, double weight, double continuousWeight) {
        double[] h = ReferenceMlp.lastHidden(d, dparams, in, rows, masks);
        int w = d.size(d.layers() - 1);
        int width = C + m;
        int off = d.paramCount();
        double s = 0;
        for (int i = 0; i < codes.length; i++) {
            int r = first + i;
            double[] q = new double[width];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < width; c++) {
                q[c] = dparams[off + w * width + c];
                for (int j = 0; j < w; j++) {
                    q[c] += h[r * w + j] * dparams[off + j * width + c];
                }
                if (c < C) {
                    max = Math.max(max, q[c]);
                }
            }
            double z = 0;
            for (int c = 0; c < C; c++) {
                z += Math.exp(q[c] - max);
            }
            s += weight * -(q[codes[i]] - max - Math.log(z));
            for (int j = 0; j < m; j++) {
                double e = q[C + j] - noise[i * NZ + j];
                s += continuousWeight * 0.5 * e * e;
            }
        }
        return s;
    }

    /**
     * InfoGAN: the code joins z at G's input only; D's loss adds 2 * the code head's loss on the fakes
     * (the trainer halves D's sums), G's adds the same loss once through the frozen D and Q. With
     * continuous codes, Q also predicts the first M noise values of each fake.
     */
    @ParameterizedTest(name = "continuous codes {0}")
    @ValueSource(ints = {0, 2})
    void infoGanCodeHeadGradientsMatchFiniteDifferences(int m) {
        MlpSpec g = new MlpSpec(new int[] {NZ + C, 5, PX}, Activation.LEAKY_RELU, Activation.TANH, 0f);
        MlpSpec d = new MlpSpec(new int[] {PX, 7, 5, 1}, Activation.LEAKY_RELU, Activation.LINEAR, 0.5f);
        float weight = 0.7f;
        float continuousWeight = 0.3f;
        GanSpec spec = new GanSpec(g.network(), d.network(), List.of(new CodeHead(C, m, d.size(d.layers() - 1), weight, continuousWeight)), new Objective(Loss.BCE, false, 0.9f), new Latent(Noise.GAUSSIAN, 0, C));
        SplittableRandom rng = new SplittableRandom(8);
        float[] gp = g.initialParams(rng);
        float[] dp = spec.initialDiscriminator(rng);
        for (int i = spec.headOffset(CodeHead.class); i < dp.length; i++) {
            dp[i] = (float) rng.nextDouble(-0.5, 0.5);
        }
        float[] real = ReferenceMlp.uniformRows(rng, N * PX);
        float[] noise = new float[N * NZ];
        Noise.GAUSSIAN.fill(rng, noise, 0, N, NZ);
        int[] codes = {1, 2, 0, 2};
        double[] g64 = ReferenceMlp.toDouble(gp);
        double[] d64 = ReferenceMlp.toDouble(dp);
        double[] z64 = ReferenceMlp.toDouble(noise);
        double[] zIn = withLabels(z64, NZ, codes);
        double[] xIn = ReferenceMlp.toDouble(real);
        GanKernel kernel = new GanKernel(spec);

        float[] gradD = new float[spec.discriminatorParams()];
        kernel.discriminatorGradient(gp, dp, new Minibatch(N, noise, real, null, codes), new SplittableRandom(9), new ParamSlice(gradD, 0), new StatSums(new double[GanKernel.STATS], 0));
        double[][] dMasks = ReferenceMlp.masks(d, 2 * N, new SplittableRandom(9));
        java.util.function.ToDoubleFunction<double[]> dObjective = dparams -> {
            double[] fake = ReferenceMlp.forward(g, g64, zIn, N, null);
            double[] both = ReferenceMlp.stack(xIn, fake);
            double[] logits = ReferenceMlp.forward(d, dparams, both, 2 * N, dMasks);
            double s = 0;
            for (int i = 0; i < 2 * N; i++) {
                s += ReferenceMlp.loss(true, logits[i], i < N ? 0.9 : 0.0);
            }
            return s + 2 * codeLoss(d, dparams, both, 2 * N, dMasks, codes, N, z64, m, weight, continuousWeight);
        };
        ReferenceMlp.assertGradientMatches(gradD, dObjective, d64, "InfoGAN D gradient relative error ");

        float[] gradG = new float[g.paramCount()];
        kernel.generatorGradient(gp, dp, new Minibatch(N, noise, null, null, codes), new SplittableRandom(21), new ParamSlice(gradG, 0), new StatSums(new double[GanKernel.STATS], 0));
        double[][] gMasks = ReferenceMlp.masks(d, N, new SplittableRandom(21));
        java.util.function.ToDoubleFunction<double[]> gObjective = gparams -> {
            double[] fake = ReferenceMlp.forward(g, gparams, zIn, N, null);
            double[] logits = ReferenceMlp.forward(d, d64, fake, N, gMasks);
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += ReferenceMlp.loss(true, logits[i], 1.0);
            }
            return s + codeLoss(d, d64, fake, N, gMasks, codes, 0, z64, m, weight, continuousWeight);
        };
        ReferenceMlp.assertGradientMatches(gradG, gObjective, g64, "InfoGAN G gradient relative error ");
    }
}
