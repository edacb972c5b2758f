package sparkgan.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkgan.data.ImageBlock;
import sparkgan.math.FixedPointSum;
import sparkgan.math.PartialSum;
import sparkgan.math.Precision;
import sparkgan.math.WeightsSnapshot;
import sparkgan.train.Weights;

/**
 * One synchronisation, the loop body of MLlib's GradientDescent: the weights a step reads are
 * broadcast (each only when it changed since its last broadcast, the stale one destroyed), every
 * cached block computes its partial sum, and {@code treeAggregate} adds them exactly. The GAN's
 * steps and the evaluation classifier's training both run through it.
 */
public final class DistributedStep implements AutoCloseable {
    /** What one block contributes, given the broadcast weights' values in the order they were passed. */
    public interface BlockSum extends Serializable {
        PartialSum compute(ImageBlock block, float[][] weights);
    }

    private final JavaSparkContext sc;
    private final JavaRDD<ImageBlock> blocks;
    private final int depth;
    private final Map<String, Broadcast<WeightsSnapshot>> broadcasts = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Precision> precisions = new HashMap<>();
    private long lastBroadcastNanos;
    private long lastFetchNanos;

    public DistributedStep(JavaSparkContext sc, JavaRDD<ImageBlock> blocks, int depth) {
        this.sc = sc;
        this.blocks = blocks;
        this.depth = depth;
    }

    /**
     * Runs one step as a Spark job with that description and returns the exact sum over all blocks;
     * the tasks compute with the weights rounded to {@code transfer}.
     */
    public FixedPointSum run(String description, Precision transfer, BlockSum blockSum, Weights... weights) {
        long t0 = System.nanoTime();
        List<Broadcast<WeightsSnapshot>> shipped = new ArrayList<>(weights.length);
        for (Weights w : weights) {
            shipped.add(current(w, transfer));
        }
        lastBroadcastNanos = System.nanoTime() - t0;
        sc.setJobDescription(description);
        SumBuffer total = blocks.treeAggregate(new SumBuffer(), (buffer, block) -> {
            long fetch = System.nanoTime();
            float[][] values = values(shipped);
            buffer.noteFetch(System.nanoTime() - fetch);
            return buffer.add(blockSum.compute(block, values));
        }, SumBuffer::merge, depth);
        if (total.sum() == null) {
            throw new IllegalStateException("no partition returned a result");
        }
        lastFetchNanos = total.maxFetchNanos();
        return total.sum();
    }

    private static float[][] values(List<Broadcast<WeightsSnapshot>> shipped) {
        float[][] v = new float[shipped.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = shipped.get(i).value().values();
        }
        return v;
    }

    /** The last step's slowest wait of a task for its broadcast weights (for the benchmark's breakdown). */
    public long lastFetchNanos() {
        return lastFetchNanos;
    }

    /** Time the last step spent broadcasting (for the benchmark's breakdown). */
    public long lastBroadcastNanos() {
        return lastBroadcastNanos;
    }

    /** The broadcast of the weights' current version, replacing (and destroying) a stale one. */
    private Broadcast<WeightsSnapshot> current(Weights w, Precision transfer) {
        Broadcast<WeightsSnapshot> b = broadcasts.get(w.name());
        Long version = versions.get(w.name());
        if (b != null && version == w.version() && precisions.get(w.name()) == transfer) {
            return b;
        }
        if (b != null) {
            b.destroy();
        }
        // A copy: the driver keeps updating its array in place while the broadcast must stay fixed.
        b = sc.broadcast(new WeightsSnapshot(w.values(), transfer));
        broadcasts.put(w.name(), b);
        versions.put(w.name(), w.version());
        precisions.put(w.name(), transfer);
        return b;
    }

    /** Destroys the broadcasts; the blocks belong to the caller. */
    @Override
    public void close() {
        for (Broadcast<WeightsSnapshot> b : broadcasts.values()) {
            b.destroy();
        }
        broadcasts.clear();
    }
}
