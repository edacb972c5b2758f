package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Phase;
import sparkgan.gan.SlicePlan;
import sparkgan.gan.StepRequest;
import sparkgan.math.FixedPointSum;
import sparkgan.math.PartialSum;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;
import sparkgan.train.GanTrainer;
import sparkgan.train.GradientEngine;
import sparkgan.train.LocalEngine;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingState;

/**
 * Same seed and partitioning: bit-identical weights, on Spark twice, and in-process; whatever order
 * the partial results are merged in.
 */
class DeterminismTest {
    private static final int PARTITIONS = 5;
    private static final int STEPS = 12;

    private static GanConfig config() {
        return TestData.tinyConfig().with("train.dSteps", "2").with("train.seed", "99");
    }

    private static float[][] train(GradientEngine engine, GanConfig config) {
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        new GanTrainer(spec, settings, engine).run(state, STEPS, null);
        return new float[][] {state.generator().values(), state.discriminator().values()};
    }

    private static float[][] onSpark(GanConfig config, MnistData data, int depth) {
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), GanSpec.from(config), data, PARTITIONS, depth)) {
            return train(engine, config);
        }
    }

    private static float[][] inProcess(GanConfig config, MnistData data) {
        try (LocalEngine engine = LocalEngine.load(GanSpec.from(config), data, PARTITIONS, 2)) {
            return train(engine, config);
        }
    }

    @Test
    void sparkRunsAreBitIdenticalToEachOtherAndToTheInProcessEngine() {
        GanConfig config = config();
        MnistData data = TestData.mnistOrEmbedded(3000);
        float[][] first = onSpark(config, data, 2);
        // Depth 3 changes the shape of the aggregation tree; the bits must not change.
        float[][] second = onSpark(config, data, 3);
        float[][] local = inProcess(config, data);
        assertArrayEquals(first[0], second[0], "G differs between two Spark runs");
        assertArrayEquals(first[1], second[1], "D differs between two Spark runs");
        assertArrayEquals(first[0], local[0], "G differs between Spark and in-process");
        assertArrayEquals(first[1], local[1], "D differs between Spark and in-process");

        // The control: another seed gives other weights, so the equality above is not vacuous.
        float[][] other = inProcess(config.with("train.seed", "100"), data);
        assertFalse(Arrays.equals(first[0], other[0]));
    }

    @Test
    void bfloat16TransferIsBitIdenticalOnSparkAndInProcess() {
        // Spark rounds the broadcast weights and each task's gradient sum, and ships them in 2 bytes;
        // the in-process engine rounds the same values in the same places.
        GanConfig config = config().with("train.transfer", "bfloat16");
        MnistData data = TestData.mnistOrEmbedded(3000);
        float[][] spark = onSpark(config, data, 2);
        float[][] local = inProcess(config, data);
        assertArrayEquals(spark[0], local[0], "G differs between Spark and in-process at bfloat16");
        assertArrayEquals(spark[1], local[1], "D differs between Spark and in-process at bfloat16");
        // The control: float32 transfer gives other weights, so the rounding did happen.
        assertFalse(Arrays.equals(spark[1], inProcess(config(), data)[1]), "bfloat16 must differ from float32");
    }

    @Test
    void conditionalGanIsBitIdenticalOnSparkAndInProcess() {
        // Labels travel with the images' blocks and the fakes' labels come from the keyed streams: the
        // projection discriminator's gradient must be the same on both engines.
        GanConfig config = config().with("cgan.classes", "10").with("cgan.projection", "true")
                .with("g.layers", "26,32,784").with("d.layers", "794,32,1");
        MnistData data = TestData.mnistOrEmbedded(3000);
        assertTrue(data.hasLabels());
        float[][] spark = onSpark(config, data, 2);
        float[][] local = inProcess(config, data);
        assertArrayEquals(spark[0], local[0], "conditional G differs between Spark and in-process");
        assertArrayEquals(spark[1], local[1], "conditional D differs between Spark and in-process");
        // Another seed draws other fake labels: the equality above is not vacuous.
        assertFalse(Arrays.equals(spark[1], inProcess(config.with("train.seed", "100"), data)[1]));
    }

    @Test
    void simultaneousUpdatesAreBitIdenticalOnSparkAndInProcess() {
        GanConfig config = config().with("train.update", "simultaneous").with("train.dSteps", "1");
        GanSpec spec = GanSpec.from(config);
        MnistData data = TestData.mnistOrEmbedded(3000);
        float[][] spark;
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), spec, data, PARTITIONS, 2)) {
            spark = train(engine, config);
        }
        float[][] local;
        float[][] alternating;
        try (LocalEngine engine = LocalEngine.load(spec, data, PARTITIONS, 2)) {
            local = train(engine, config);
            alternating = train(engine, config.with("train.update", "alternating"));
        }
        assertArrayEquals(spark[0], local[0]);
        assertArrayEquals(spark[1], local[1]);
        assertFalse(Arrays.equals(spark[0], alternating[0]), "simultaneous must differ from alternating");
    }

    /**
     * The reference experiment's schedule (several D and G steps per iteration, a G batch of its own,
     * a fixed noise bank, a throw-away copy of D trained in the G steps) and an average of G: Spark
     * and in-process agree bit for bit, and each of the throw-away copy and the bank changes the result.
     */
    @Test
    void referenceScheduleIsBitIdenticalOnSparkAndInProcess() {
        GanConfig config = config().with("train.dSteps", "3").with("train.gSteps", "2").with("train.gBatch", "20")
                .with("train.noiseBank", "50").with("train.chainD", "trained-copy").with("g.ema", "0.9")
                .with("noise", "gaussian-minmax").with("loss", "mse").with("d.optimizer", "momentum").with("g.optimizer", "momentum")
                .with("d.lr", "0.01").with("g.lr", "0.01");
        GanSpec spec = GanSpec.from(config);
        MnistData data = TestData.mnistOrEmbedded(3000);
        float[][] spark;
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), spec, data, PARTITIONS, 2)) {
            spark = trainWithAverage(engine, config);
        }
        float[][] local;
        float[][] frozen;
        float[][] freshNoise;
        try (LocalEngine engine = LocalEngine.load(spec, data, PARTITIONS, 2)) {
            local = trainWithAverage(engine, config);
            frozen = trainWithAverage(engine, config.with("train.chainD", "frozen"));
            freshNoise = trainWithAverage(engine, config.with("train.noiseBank", "0"));
            // After one iteration D has only had its own steps: the chain's copy is thrown away, so D
            // is the same whether the copy was trained or not, while G (trained through it) is not.
            float[][] oneCopy = trainWithAverage(engine, config, 1);
            float[][] oneFrozen = trainWithAverage(engine, config.with("train.chainD", "frozen"), 1);
            assertArrayEquals(oneCopy[1], oneFrozen[1], "the chain's copy of D leaked into D");
            assertFalse(Arrays.equals(oneCopy[0], oneFrozen[0]));
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(spark[i], local[i], "tensor " + i + " (G, D, G.ema) differs between Spark and in-process");
        }
        assertFalse(Arrays.equals(spark[0], frozen[0]), "training the chain's copy of D must change G's path");
        assertFalse(Arrays.equals(spark[0], freshNoise[0]), "the bank must change the noise");
        assertFalse(Arrays.equals(spark[0], spark[2]), "the average is not G");
    }

    private static float[][] trainWithAverage(GradientEngine engine, GanConfig config) {
        return trainWithAverage(engine, config, STEPS);
    }

    private static float[][] trainWithAverage(GradientEngine engine, GanConfig config, int steps) {
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        new GanTrainer(spec, settings, engine).run(state, steps, null);
        return new float[][] {state.generator().values(), state.discriminator().values(), state.samplingGenerator()};
    }

    @Test
    void mergeOrderDoesNotChangeTheSum() {
        GanConfig config = config();
        GanSpec spec = GanSpec.from(config);
        MnistData data = TestData.mnistOrEmbedded(3000);
        List<ImageBlock> blocks = LocalEngine.load(spec, data, PARTITIONS, 1).blocks();
        TrainingState state = TrainingState.initial(spec, config, 1);
        SlicePlan plan = new SlicePlan(blocks.stream().mapToInt(ImageBlock::rows).toArray(), 64);
        StepRequest req = new StepRequest(Phase.DISCRIMINATOR, 1, 1, 0, 0, plan);
        List<PartialSum> partials = new ArrayList<>();
        for (ImageBlock b : blocks) {
            partials.add(new GanKernel(spec).compute(req, b, state.generator().values(), state.discriminator().values()));
        }
        FixedPointSum direct = new FixedPointSum(partials.get(0).length());
        partials.forEach(direct::add);
        long[] reference = raw(direct);
        for (int trial = 0; trial < 10; trial++) {
            List<PartialSum> order = new ArrayList<>(partials);
            Collections.shuffle(order, new Random(trial));
            // A random tree of the real accumulator: merge random pairs until one is left, like
            // treeAggregate with any arrival order and any depth; some buffers start empty (zero values).
            List<SumBuffer> pool = new ArrayList<>();
            for (PartialSum p : order) {
                pool.add(new SumBuffer().add(p));
                pool.add(new SumBuffer());
            }
            Random r = new Random(100 + trial);
            while (pool.size() > 1) {
                SumBuffer a = pool.remove(r.nextInt(pool.size()));
                SumBuffer b = pool.remove(r.nextInt(pool.size()));
                // Results cross Java serialization between executors and to the driver, where a
                // float partial becomes fixed point as it is read.
                pool.add(r.nextBoolean() ? a.merge(b) : roundTrip(a).merge(roundTrip(b)));
            }
            assertArrayEquals(reference, raw(pool.get(0).sum()), "trial " + trial);
        }
    }

    private static long[] raw(FixedPointSum total) {
        long[] raw = new long[total.length()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = total.raw(i);
        }
        return raw;
    }

    private static SumBuffer roundTrip(SumBuffer b) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(b);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (SumBuffer) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
