package sparkgan.data;

import java.io.Serializable;

/**
 * One partition of the training set: its images as one dense row-major float matrix
 * [rows x pixels], their labels (or null), and which partition it is. A block, never one object per
 * image, so that a cached partition is a few large arrays and the kernel reads rows directly.
 */
public final class ImageBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final int firstIndex;
    private final int rows;
    private final int pixels;
    private final float[] data;
    private final byte[] labels;

    public ImageBlock(int partition, int firstIndex, int rows, int pixels, float[] data, byte[] labels) {
        if (data.length != rows * pixels) {
            throw new IllegalArgumentException(data.length + " values for " + rows + " x " + pixels);
        }
        this.partition = partition;
        this.firstIndex = firstIndex;
        this.rows = rows;
        this.pixels = pixels;
        this.data = data;
        this.labels = labels;
    }

    /**
     * Converts raw unsigned bytes to floats in [0,1] or, when {@code signed}, in [-1,1] (the range of
     * a tanh generator).
     */
    public static ImageBlock fromBytes(int partition, int firstIndex, int pixels, byte[] bytes, byte[] labels,
                                       boolean signed) {
        int rows = bytes.length / pixels;
        float[] data = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            float x = (bytes[i] & 0xff) / 255f;
            data[i] = signed ? 2f * x - 1f : x;
        }
        return new ImageBlock(partition, firstIndex, rows, pixels, data, labels);
    }

    public int partition() {
        return partition;
    }

    public int firstIndex() {
        return firstIndex;
    }

    public int rows() {
        return rows;
    }

    public int pixels() {
        return pixels;
    }

    public float[] data() {
        return data;
    }

    public byte[] labels() {
        return labels;
    }

    public long sizeInBytes() {
        return 4L * data.length + (labels == null ? 0 : labels.length);
    }
}
