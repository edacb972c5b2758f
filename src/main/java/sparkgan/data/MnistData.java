package sparkgan.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import sparkgan.BadInputException;

/**
 * The IDX implementation of {@link ImageSource}, in MNIST's layout: a validated images file of
 * single-channel images, optionally a labels file of the same count, and an optional cap on how
 * many images to use. Executors receive it and read their own range of records.
 */
public final class MnistData implements ImageSource {
    private static final long serialVersionUID = 1L;

    private final StreamSource images;
    private final StreamSource labels;
    private final int count;
    private final int height;
    private final int width;
    private final String description;

    private MnistData(StreamSource images, StreamSource labels, int count, int height, int width, String description) {
        this.images = images;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
        this.description = description;
    }

    /**
     * Checks both files completely (magic, dimensions, byte counts, matching counts).
     *
     * @param labels may be null
     * @param limit use only the first {@code limit} images when positive
     */
    public static MnistData open(StreamSource images, StreamSource labels, int limit, String description) {
        IdxFile img = IdxFile.inspect(images, IdxFile.IMAGES_MAGIC);
        if (labels != null) {
            IdxFile lab = IdxFile.inspect(labels, IdxFile.LABELS_MAGIC);
            if (lab.count() != img.count()) {
                throw new BadInputException(String.format("%s holds %d labels but %s holds %d images; expected equal counts",
                        labels.name(), lab.count(), images.name(), img.count()));
            }
        }
        if (img.count() == 0) {
            throw new BadInputException(images.name() + ": holds no images");
        }
        int count = limit > 0 ? Math.min(limit, img.count()) : img.count();
        return new MnistData(images, labels, count, img.rows(), img.cols(), description);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public ImageShape shape() {
        return ImageShape.gray(height, width);
    }

    @Override
    public java.util.List<StreamSource> files() {
        return labels == null ? java.util.List.of(images) : java.util.List.of(images, labels);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int pixels() {
        return height * width;
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public String description() {
        return description;
    }

    /** Record range [start, end) of partition p when the set is split into n contiguous ranges. */
    public static int rangeStart(int count, int partitions, int p) {
        return (int) ((long) count * p / partitions);
    }

    /** Reads partition p of n as a block. Runs on executors. */
    @Override
    public ImageBlock readBlock(int partition, int partitions, boolean signed) {
        return readRange(partition, rangeStart(count, partitions, partition), rangeStart(count, partitions, partition + 1), signed);
    }

    /** Images [start, end) as one block, numbered {@code partition}. */
    public ImageBlock readRange(int partition, int start, int end, boolean signed) {
        try {
            byte[] pix = imageFile().readRecords(start, end - start);
            byte[] lab = labels == null ? null : labelFile().readRecords(start, end - start);
            return ImageBlock.fromBytes(partition, start, pixels(), pix, lab, signed);
        } catch (IOException e) {
            throw new UncheckedIOException("reading partition " + partition + " of " + images.name(), e);
        }
    }

    private IdxFile imageFile() {
        return IdxFile.validated(images, IdxFile.IMAGES_MAGIC, count, height, width);
    }

    private IdxFile labelFile() {
        return IdxFile.validated(labels, IdxFile.LABELS_MAGIC, count, 1, 1);
    }
}
