package sparkgan.spark;

import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageSource;
import sparkgan.eval.ImageClassifier;
import sparkgan.gan.Optimizer;
import sparkgan.gan.SlicePlan;
import sparkgan.math.FixedPointSum;
import sparkgan.math.Precision;
import sparkgan.nn.Network;
import sparkgan.math.RandomStreams;
import sparkgan.train.LearningRateSchedule;
import sparkgan.train.Weights;

/**
 * Trains the evaluation classifier on Spark with the same machinery as the GAN: cached blocks, the
 * same {@link DistributedStep} (broadcast, exact treeAggregate), Adam on the driver with the
 * project's linear learning-rate schedule.
 */
public final class ClassifierTraining {
    private ClassifierTraining() {
    }

    /** Trains on {@code data}'s images and labels; the classes are 0 up to the largest label found. */
    public static ImageClassifier train(JavaSparkContext sc, ImageSource data, int partitions, long seed, int steps, int batch,
                                        Consumer<String> log) {
        if (!data.hasLabels()) {
            throw new sparkgan.BadInputException(data.description() + ": the classifier needs a labels file");
        }
        JavaRDD<ImageBlock> blocks = SparkEngine.loadBlocks(sc, data, partitions, false);
        SlicePlan plan = new SlicePlan(SparkEngine.blockSizes(blocks), batch);
        int[] slices = plan.slices();
        int classes = 1 + blocks.map(ClassifierTraining::largestLabel).reduce(Math::max);
        Network spec = ImageClassifier.network(data.shape(), classes);
        Weights params = new Weights("classifier", spec.initialParams(RandomStreams.stream(seed, 0, 7, 0, RandomStreams.Purpose.INIT)));
        Optimizer adam = Optimizer.adam(1e-3f, 0.9f, 0.999f, 0f, spec.weightMask());
        // Linear decay to 1 % of the initial rate: the last epochs settle instead of bouncing.
        LearningRateSchedule schedule = new LearningRateSchedule(true, steps, 0.01);
        float[] grad = new float[spec.paramCount()];
        try (DistributedStep step = new DistributedStep(sc, blocks, 2)) {
            for (int s = 1; s <= steps; s++) {
                long it = s;
                FixedPointSum sum = step.run("classifier step " + s + "/" + steps, Precision.FLOAT32,
                        (block, w) -> ImageClassifier.partitionGradient(spec, block, w[0], seed, it, slices[block.partition()]), params);
                sum.scaledTo(0, grad.length, 1.0 / batch, grad, 0);
                adam.scaleLearningRate(schedule.factor(s));
                adam.step(params.values(), grad);
                params.changed();
                if (s % 500 == 0 || s == steps) {
                    double[] m = ImageClassifier.meanStats(spec, sum);
                    log.accept(String.format(java.util.Locale.ROOT, "classifier step %d/%d  loss %.4f  batch accuracy %.3f", s, steps, m[0], m[1]));
                }
            }
        } finally {
            blocks.unpersist(false);
        }
        return new ImageClassifier(data.shape(), classes, params.values());
    }

    private static int largestLabel(ImageBlock block) {
        int max = 0;
        for (byte label : block.labels()) {
            max = Math.max(max, label & 0xff);
        }
        return max;
    }
}
