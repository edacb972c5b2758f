package sparkgan.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageSource;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.gan.StepRequest;
import sparkgan.math.FixedPointSum;
import sparkgan.train.GradientEngine;
import sparkgan.train.Weights;

/**
 * The GAN's gradients on Spark: the data set as cached blocks, and each step a {@link DistributedStep}
 * running the kernel on every block.
 *
 * <p>Each network is broadcast once per change: the D step and the G step of one iteration share
 * G's broadcast, and the G step reuses D's broadcast in the next iteration's D step... until the
 * optimizer changes it.
 */
public final class SparkEngine implements GradientEngine {
    private final JavaSparkContext sc;
    private final GanSpec spec;
    private final JavaRDD<ImageBlock> blocks;
    private final int[] sizes;
    private final int depth;
    private final DistributedStep step;
    private long totalSteps;

    private SparkEngine(JavaSparkContext sc, GanSpec spec, JavaRDD<ImageBlock> blocks, int[] sizes, int depth) {
        this.sc = sc;
        this.spec = spec;
        this.blocks = blocks;
        this.sizes = sizes;
        this.depth = depth;
        this.step = new DistributedStep(sc, blocks, depth);
    }

    /**
     * Reads the data set on the executors, one block per partition, and caches it. Each executor
     * opens the file itself (any Hadoop FileSystem, or the jar for the embedded sample).
     */
    public static SparkEngine load(JavaSparkContext sc, GanSpec spec, ImageSource data, int partitions, int depth) {
        JavaRDD<ImageBlock> blocks = loadBlocks(sc, data, partitions, spec.signedPixels());
        return new SparkEngine(sc, spec, blocks, blockSizes(blocks), depth);
    }

    /**
     * An engine over blocks already cached (a DataFrame's rows, read by {@code sparkgan.ml}); the engine
     * unpersists them when it closes.
     */
    public static SparkEngine fromBlocks(JavaSparkContext sc, GanSpec spec, JavaRDD<ImageBlock> blocks, int depth) {
        return new SparkEngine(sc, spec, blocks, blockSizes(blocks), depth);
    }

    /** The data set as one cached block per partition, each read by its executor. */
    public static JavaRDD<ImageBlock> loadBlocks(JavaSparkContext sc, ImageSource data, int partitions, boolean signed) {
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        sc.setJobDescription("load " + data.description() + " into " + partitions + " cached blocks");
        JavaRDD<ImageBlock> blocks = sc.parallelize(ids, partitions)
                .mapPartitionsWithIndex((index, it) -> Collections.singletonList(
                        data.readBlock(index, partitions, signed)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        blocks.setName("image blocks (" + data.description() + ")");
        return blocks;
    }

    /** Images per block, in partition order (runs a small job). */
    public static int[] blockSizes(JavaRDD<ImageBlock> blocks) {
        List<Integer> rows = blocks.map(ImageBlock::rows).collect();
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    public void setTotalSteps(long totalSteps) {
        this.totalSteps = totalSteps;
    }

    @Override
    public GanSpec spec() {
        return spec;
    }

    @Override
    public int[] partitionSizes() {
        return sizes.clone();
    }

    @Override
    public FixedPointSum compute(StepRequest request, Weights generator, Weights discriminator) {
        String phase = switch (request.phase()) {
            case DISCRIMINATOR -> "D step";
            case GENERATOR -> "G step";
            case BOTH -> "simultaneous step";
            case CHAIN -> "chain step";
        };
        sc.setJobGroup("spark-gan", "training", false);
        GanSpec gan = spec;
        return step.run(phase + " " + request.iteration() + (totalSteps > 0 ? "/" + totalSteps : "")
                        + (request.subStep() > 0 ? " (" + (request.subStep() + 1) + ")" : ""), request.transfer(),
                (block, w) -> GanKernel.forThread(gan).compute(request, block, w[0], w[1]), generator, discriminator);
    }

    @Override
    public long lastBroadcastNanos() {
        return step.lastBroadcastNanos();
    }

    @Override
    public long lastFetchNanos() {
        return step.lastFetchNanos();
    }

    @Override
    public String describe() {
        return "spark " + sc.master() + ", " + sizes.length + " partition(s), treeAggregate depth " + depth;
    }

    @Override
    public void close() {
        step.close();
        blocks.unpersist(false);
    }
}
