package sparkgan.train;

import sparkgan.gan.GanSpec;
import sparkgan.gan.StepRequest;
import sparkgan.math.FixedPointSum;

/**
 * Computes the exact sum, over all partitions, of one step's gradient and statistics. The trainer
 * loop is written against this, so the same loop runs on Spark and in-process, and both give the
 * same bits for the same partitioning.
 */
public interface GradientEngine extends AutoCloseable {
    /** The GAN whose gradients it computes. */
    GanSpec spec();

    /** Images per partition, in partition order. */
    int[] partitionSizes();

    FixedPointSum compute(StepRequest request, Weights generator, Weights discriminator);

    /** Nanoseconds the last {@link #compute} spent broadcasting weights (0 where nothing is broadcast). */
    default long lastBroadcastNanos() {
        return 0;
    }

    /**
     * Nanoseconds the slowest task of the last {@link #compute} waited for its broadcast weights
     * (fetching and deserializing them on an executor; 0 where nothing is broadcast).
     */
    default long lastFetchNanos() {
        return 0;
    }

    /** A label such as "spark local[2], 2 partitions". */
    String describe();

    @Override
    void close();
}
