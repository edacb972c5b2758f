package sparkgan.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Phase;
import sparkgan.gan.StepRequest;
import sparkgan.math.FixedPointSum;
import sparkgan.math.WeightsSnapshot;
import sparkgan.train.GradientEngine;
import sparkgan.train.Weights;

/**
 * The distributed step, in the shape of MLlib's LBFGS loop: the driver broadcasts the current
 * weights, {@code treeAggregate} runs the kernel on every cached block and sums the partial results
 * exactly, and a broadcast is destroyed as soon as the weights it holds are replaced.
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
    private final Map<String, Broadcast<WeightsSnapshot>> broadcasts = new HashMap<>();
    private final Map<String, Long> broadcastVersions = new HashMap<>();
    private long totalSteps;
    private long lastBroadcastNanos;

    private SparkEngine(JavaSparkContext sc, GanSpec spec, JavaRDD<ImageBlock> blocks, int[] sizes, int depth) {
        this.sc = sc;
        this.spec = spec;
        this.blocks = blocks;
        this.sizes = sizes;
        this.depth = depth;
    }

    /**
     * Reads the data set on the executors, one block per partition, and caches it. Each executor
     * opens the file itself (any Hadoop FileSystem, or the jar for the embedded sample).
     */
    public static SparkEngine load(JavaSparkContext sc, GanSpec spec, MnistData data, int partitions, int depth) {
        JavaRDD<ImageBlock> blocks = loadBlocks(sc, data, partitions, spec.signedPixels());
        return new SparkEngine(sc, spec, blocks, blockSizes(blocks), depth);
    }

    /** The data set as one cached block per partition, each read by its executor. */
    public static JavaRDD<ImageBlock> loadBlocks(JavaSparkContext sc, MnistData data, int partitions, boolean signed) {
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        sc.setJobDescription("load " + data.description() + " into " + partitions + " cached blocks");
        JavaRDD<ImageBlock> blocks = sc.parallelize(ids, partitions)
                .mapPartitionsWithIndex((index, it) -> Collections.singletonList(
                        data.readBlock(index, partitions, signed)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        blocks.setName("MNIST blocks (" + data.description() + ")");
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
    public int[] partitionSizes() {
        return sizes.clone();
    }

    @Override
    public FixedPointSum compute(StepRequest request, Weights generator, Weights discriminator) {
        long t0 = System.nanoTime();
        Broadcast<WeightsSnapshot> g = current(generator);
        Broadcast<WeightsSnapshot> d = current(discriminator);
        lastBroadcastNanos = System.nanoTime() - t0;
        GanSpec spec = this.spec;
        String phase = switch (request.phase()) {
            case DISCRIMINATOR -> "D step";
            case GENERATOR -> "G step";
            case BOTH -> "simultaneous step";
            case CHAIN -> "chain step";
        };
        sc.setJobGroup("spark-gan", "training", false);
        sc.setJobDescription(phase + " " + request.iteration() + (totalSteps > 0 ? "/" + totalSteps : "")
                + (request.subStep() > 0 ? " (" + (request.subStep() + 1) + ")" : ""));
        SumBuffer total = blocks.treeAggregate(new SumBuffer(),
                (buffer, block) -> buffer.add(GanKernel.forThread(spec).compute(request, block, g.value().values(), d.value().values())),
                SumBuffer::merge, depth);
        if (total.sum() == null) {
            throw new IllegalStateException("no partition returned a result");
        }
        return total.sum();
    }

    @Override
    public long lastBroadcastNanos() {
        return lastBroadcastNanos;
    }

    /** The broadcast of the weights' current version, replacing (and destroying) a stale one. */
    private Broadcast<WeightsSnapshot> current(Weights w) {
        Broadcast<WeightsSnapshot> b = broadcasts.get(w.name());
        Long version = broadcastVersions.get(w.name());
        if (b != null && version == w.version()) {
            return b;
        }
        if (b != null) {
            b.destroy();
        }
        // A copy: the driver keeps updating its array in place while the broadcast must stay fixed.
        b = sc.broadcast(new WeightsSnapshot(w.values()));
        broadcasts.put(w.name(), b);
        broadcastVersions.put(w.name(), w.version());
        return b;
    }

    @Override
    public String describe() {
        return "spark " + sc.master() + ", " + sizes.length + " partition(s), treeAggregate depth " + depth;
    }

    @Override
    public void close() {
        for (Broadcast<WeightsSnapshot> b : broadcasts.values()) {
            b.destroy();
        }
        broadcasts.clear();
        blocks.unpersist(false);
    }
}
