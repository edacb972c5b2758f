package sparkgan.spark;

import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.eval.MnistClassifier;
import sparkgan.gan.Optimizer;
import sparkgan.gan.SlicePlan;
import sparkgan.math.FixedPointSum;
import sparkgan.math.MlpSpec;
import sparkgan.math.RandomStreams;
import sparkgan.math.WeightsSnapshot;

/**
 * Trains the evaluation classifier on Spark with the same machinery as the GAN: cached blocks,
 * broadcast weights, an exact treeAggregate of per-partition gradients, Adam on the driver.
 */
public final class ClassifierTraining {
    private ClassifierTraining() {
    }

    public static MnistClassifier train(JavaSparkContext sc, MnistData data, int partitions, long seed, int steps, int batch,
                                        Consumer<String> log) {
        if (!data.hasLabels()) {
            throw new sparkgan.BadInputException(data.description() + ": the classifier needs a labels file");
        }
        JavaRDD<ImageBlock> blocks = SparkEngine.loadBlocks(sc, data, partitions, false);
        SlicePlan plan = new SlicePlan(SparkEngine.blockSizes(blocks), batch);
        int[] slices = plan.slices();
        MlpSpec spec = MnistClassifier.SPEC;
        float[] params = spec.initialParams(RandomStreams.stream(seed, 0, 7, 0, RandomStreams.Purpose.INIT));
        Optimizer adam = Optimizer.adam(1e-3f, 0.9f, 0.999f, 0f, spec.weightMask());
        float[] grad = new float[spec.paramCount()];
        try {
            for (int step = 1; step <= steps; step++) {
                Broadcast<WeightsSnapshot> weights = sc.broadcast(new WeightsSnapshot(params));
                long s = step;
                sc.setJobDescription("classifier step " + step + "/" + steps);
                SumBuffer total = blocks.treeAggregate(new SumBuffer(),
                        (buffer, block) -> buffer.add(MnistClassifier.partitionGradient(block, weights.value().values(), seed, s,
                                slices[block.partition()])),
                        SumBuffer::merge, 2);
                weights.destroy();
                FixedPointSum sum = total.sum();
                sum.scaledTo(0, grad.length, 1.0 / batch, grad, 0);
                // Linear decay to 1 % of the initial rate: the last epochs settle instead of bouncing.
                adam.setLearningRate((float) (1e-3 * (1 - 0.99 * (step - 1) / (double) steps)));
                adam.step(params, grad);
                if (step % 500 == 0 || step == steps) {
                    double[] m = MnistClassifier.meanStats(sum);
                    log.accept(String.format(java.util.Locale.ROOT, "classifier step %d/%d  loss %.4f  batch accuracy %.3f", step, steps, m[0], m[1]));
                }
            }
        } finally {
            blocks.unpersist(false);
        }
        return new MnistClassifier(params);
    }
}
