package sparkgan.data;

import java.io.Serializable;
import java.util.List;

/**
 * Training images as the engines read them: how many, their shape, whether they are labelled, and
 * one dense block per partition, read on the executor that holds the partition (never shipped
 * through the driver, never one object per image). Serializable: it travels in the task that reads.
 * The IDX files of MNIST are one implementation ({@link MnistData}).
 */
public interface ImageSource extends Serializable {
    ImageShape shape();

    int count();

    boolean hasLabels();

    /** Where the images come from, for messages and reports. */
    String description();

    /**
     * Partition {@code partition} of {@code partitions}: a contiguous range of the images as one
     * block, pixels mapped to [-1,1] when {@code signed}, else [0,1]; with its labels when labelled.
     */
    ImageBlock readBlock(int partition, int partitions, boolean signed);

    /** The files the images (and labels) are read from, for the run's lineage. */
    List<StreamSource> files();
}
