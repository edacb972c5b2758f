package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Minibatch;
import sparkgan.gan.MinibatchSampler;
import sparkgan.gan.Phase;
import sparkgan.gan.SlicePlan;
import sparkgan.gan.StatSums;
import sparkgan.gan.StepRequest;
import sparkgan.math.FixedPointSum;
import sparkgan.math.RandomStreams;
import sparkgan.math.RandomStreams.Purpose;
import sparkgan.testing.ReferenceMlp;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;
import sparkgan.train.LocalEngine;
import sparkgan.train.TrainingState;
import sparkgan.train.Weights;
import sparkgan.nn.ParamSlice;

/**
 * For one minibatch, the gradient that Spark aggregates over 1, 2 and 5 partitions equals the
 * gradient of the same samples computed in one process in one pass. Dropout is off here because
 * its masks are drawn per partition; the kernel's dropout is covered by the gradient checks.
 */
class DistributedEqualsLocalTest {
    private static final int IMAGES = 2000;
    private static final int BATCH = 50;

    /**
     * With D's minibatch standard deviation the groups are formed inside each partition's slice, so
     * one pass over the whole batch forms the same groups only when the group size divides the slices
     * (here 25 rows each): the last case checks that configuration.
     */
    @ParameterizedTest(name = "{0} partition(s), {1} InfoGAN codes, {2} continuous, minibatch stddev {3}")
    @CsvSource({"1,0,0,0", "2,0,0,0", "5,0,0,0", "2,3,0,0", "2,3,2,0", "2,3,0,5"})
    void sparkGradientEqualsSingleProcessGradient(int partitions, int codes, int continuous, int stddevGroup) {
        GanConfig config = TestData.tinyConfig().with("d.dropout", "0").with("train.batch", Integer.toString(BATCH))
                .with("info.codes", Integer.toString(codes)).with("info.continuous", Integer.toString(continuous))
                .with("g.layers", (16 + codes) + ",32,784").with("d.minibatchStd", Integer.toString(stddevGroup));
        GanSpec spec = GanSpec.from(config);
        MnistData data = TestData.mnistOrEmbedded(IMAGES);
        TrainingState state = TrainingState.initial(spec, config, 7);
        long seed = 7;
        SparkEngine engine = SparkEngine.load(SparkTestContext.get(), spec, data, partitions, 2);
        try {
            SlicePlan plan = new SlicePlan(engine.partitionSizes(), BATCH);
            List<ImageBlock> blocks = LocalEngine.load(spec, data, partitions, 1).blocks();
            for (Phase phase : Phase.values()) {
                StepRequest req = new StepRequest(phase, seed, 3, 0, 5, plan);
                FixedPointSum distributed = engine.compute(req, state.generator(), state.discriminator());
                double[] single = singleProcessGradient(spec, blocks, req, state.generator(), state.discriminator());
                double[] spark = new double[single.length];
                for (int i = 0; i < spark.length; i++) {
                    spark[i] = distributed.get(i);
                }
                double err = ReferenceMlp.relativeError(spark, single);
                assertTrue(err <= 1e-5, phase + ": relative error " + err + " over " + partitions + " partitions");
                int n = single.length;
                double count = distributed.get(n + (req.trainsGenerator() ? GanKernel.STAT_FAKE_COUNT : GanKernel.STAT_REAL_COUNT));
                assertEquals(BATCH, count, 0.0);
            }
        } finally {
            engine.close();
        }
    }

    /** Gathers every partition's real rows and noise as the tasks draw them, then one pass over all. */
    private static double[] singleProcessGradient(GanSpec spec, List<ImageBlock> blocks, StepRequest req, Weights g, Weights d) {
        int nz = spec.noiseDim();
        int px = spec.imagePixels();
        int batch = req.plan().batch();
        float[] real = new float[batch * px];
        float[] noise = new float[batch * nz];
        int[] codes = spec.codes() > 0 ? new int[batch] : null;
        int row = 0;
        for (ImageBlock block : blocks) {
            int n = req.plan().slice(block.partition());
            SplittableRandom rng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), block.partition(), Purpose.NOISE);
            float[] z = new float[n * nz];
            spec.noise().fill(rng, z, 0, n, nz);
            System.arraycopy(z, 0, noise, row * nz, n * nz);
            if (codes != null) {
                SplittableRandom codeRng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), block.partition(), Purpose.LABELS);
                for (int i = 0; i < n; i++) {
                    codes[row + i] = codeRng.nextInt(spec.codes());
                }
            }
            float[] x = new float[n * px];
            MinibatchSampler.selectRows(block, req.seed(), req.dataCursor(), n, x, null);
            System.arraycopy(x, 0, real, row * px, n * px);
            row += n;
        }
        assertEquals(batch, row);
        GanKernel kernel = new GanKernel(spec);
        double[] stats = new double[GanKernel.STATS];
        if (req.phase() == Phase.DISCRIMINATOR) {
            float[] grad = new float[spec.discriminatorParams()];
            kernel.discriminatorGradient(g.values(), d.values(), new Minibatch(batch, noise, real, null, codes), new SplittableRandom(0), new ParamSlice(grad, 0), new StatSums(stats, 0));
            return ReferenceMlp.toDouble(grad);
        }
        if (req.phase() == Phase.BOTH) {
            // Simultaneous updates: D's gradient then G's, from the same samples and the same weights.
            int pD = spec.discriminatorParams();
            float[] grad = new float[pD + spec.generator().paramCount()];
            kernel.discriminatorGradient(g.values(), d.values(), new Minibatch(batch, noise, real, null, codes), new SplittableRandom(0), new ParamSlice(grad, 0), new StatSums(stats, 0));
            double[] gStats = new double[GanKernel.STATS];
            kernel.generatorGradient(g.values(), d.values(), new Minibatch(batch, noise, null, null, codes), new SplittableRandom(0), new ParamSlice(grad, pD), new StatSums(gStats, 0));
            return ReferenceMlp.toDouble(grad);
        }
        if (req.phase() == Phase.CHAIN) {
            // The reference experiment's chain: D's and G's gradients of the generator loss, in one pass.
            float[] grad = new float[spec.discriminatorParams() + spec.generator().paramCount()];
            kernel.chainGradient(g.values(), d.values(), new Minibatch(batch, noise, null, null, codes), new SplittableRandom(0), grad, new StatSums(stats, 0));
            return ReferenceMlp.toDouble(grad);
        }
        float[] grad = new float[spec.generator().paramCount()];
        kernel.generatorGradient(g.values(), d.values(), new Minibatch(batch, noise, null, null, codes), new SplittableRandom(0), new ParamSlice(grad, 0), new StatSums(stats, 0));
        return ReferenceMlp.toDouble(grad);
    }
}
