package sparkgan.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import sparkgan.data.Background;
import sparkgan.data.ImageShape;

/**
 * One partition of a DataFrame read into a dense float block (pixels already in the generator's
 * range) with its labels, on the executor that holds it: rows are converted as they stream past and
 * never kept as objects. Reading stops at the first row it refuses and records which row and why, so
 * that the driver can name the first offending row of the whole DataFrame.
 */
final class RowBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * How a partition's rows are read: the column's kind, the pixel range (and the setting that
     * declared it, for messages), the generator's range, the labels' limit (labels are 0 to
     * limit - 1; 0: no label column), and what a BGRA image's pixels are composited over.
     */
    record Reading(FeatureColumn kind, PixelScale scale, String scaleName, boolean signed, int labelLimit,
                   Background background) implements Serializable {
        boolean labelled() {
            return labelLimit > 0;
        }
    }

    final int partition;
    int rows;
    /** Values per image; -1 before the first row. */
    int width = -1;
    /** The image struct's shape (channels as trained), or null for vectors and arrays. */
    ImageShape shape;
    float[] data = new float[0];
    byte[] labels;
    int maxLabel = -1;
    /** The first refused row of this partition (counted from its start), or -1. */
    int errorRow = -1;
    /** What is wrong with it; it refers to the features column unless it says otherwise. */
    String error;
    /** The label column's problem at errorRow, rather than the features'. */
    boolean labelError;

    /** The current row's pixels in [0,1] and its label, before they are appended. */
    private transient float[] scratch;
    private transient int pendingLabel;

    private RowBlock(int partition) {
        this.partition = partition;
    }

    /** Reads the partition's rows: column 0 the features, column 1 (when labelled) the label. */
    static RowBlock read(int partition, Iterator<Row> rows, Reading reading) {
        RowBlock block = new RowBlock(partition);
        block.labels = reading.labelled() ? new byte[0] : null;
        while (rows.hasNext()) {
            Row row = rows.next();
            String problem = block.features(row.get(0), reading);
            if (problem == null && reading.labelled()) {
                problem = block.label(row.get(1), reading.labelLimit());
                block.labelError = problem != null;
            }
            if (problem != null) {
                block.errorRow = block.rows;
                block.error = problem;
                break;
            }
            block.append(reading);
        }
        block.data = Arrays.copyOf(block.data, block.rows * Math.max(0, block.width));
        if (block.labels != null) {
            block.labels = Arrays.copyOf(block.labels, block.rows);
        }
        block.scratch = null;
        return block;
    }

    private String features(Object value, Reading reading) {
        if (value == null) {
            return "null; expected an image";
        }
        return switch (reading.kind()) {
            case VECTOR -> vector((Vector) value, reading);
            case FLOAT_ARRAY, DOUBLE_ARRAY -> array(value, reading);
            case IMAGE -> image((Row) value, reading.background());
        };
    }

    private String vector(Vector v, Reading scale) {
        String problem = takeWidth(v.size());
        if (problem != null) {
            return problem;
        }
        if (v instanceof SparseVector sparse) {
            Arrays.fill(scratch, 0f);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                problem = put(indices[k], values[k], scale);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        double[] values = ((DenseVector) v).values();
        for (int i = 0; i < values.length; i++) {
            problem = put(i, values[i], scale);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String array(Object value, Reading scale) {
        List<?> values = scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) value);
        String problem = takeWidth(values.size());
        for (int i = 0; problem == null && i < values.size(); i++) {
            Object x = values.get(i);
            problem = x == null ? "null at position " + i + "; expected a number" : put(i, ((Number) x).doubleValue(), scale);
        }
        return problem;
    }

    private String image(Row image, Background background) {
        int height = image.getInt(image.fieldIndex("height"));
        int width = image.getInt(image.fieldIndex("width"));
        int channels = image.getInt(image.fieldIndex("nChannels"));
        byte[] bytes = (byte[]) image.get(image.fieldIndex("data"));
        if (channels != 1 && channels != 3 && channels != 4) {
            return "an image of " + channels + " channels; expected 1 (grey), 3 (BGR) or 4 (BGRA, composited over the background)";
        }
        if (height <= 0 || width <= 0 || bytes == null || bytes.length != height * width * channels) {
            return "an image of " + height + "x" + width + "x" + channels + " with " + (bytes == null ? 0 : bytes.length)
                    + " bytes; expected height x width x nChannels bytes";
        }
        ImageShape here = new ImageShape(channels == 1 ? 1 : 3, height, width);
        if (shape != null && !shape.equals(here)) {
            return "an image of " + here.describe() + "; the rows before it are " + shape.describe() + "; expected one shape";
        }
        shape = here;
        String problem = takeWidth(here.pixels());
        if (problem != null) {
            return problem;
        }
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            if (channels == 1) {
                scratch[p] = (bytes[p] & 0xff) / 255f;
            } else {
                // BGR(A) interleaved in, red, green and blue planes out. Spark's image source keeps a PNG's
                // alpha as the fourth byte; the RGB under alpha 0 is whatever the file stores (emoji: red,
                // white), so a BGRA pixel is seen over the background, as train --format image sees it.
                int alpha = channels == 4 ? bytes[p * 4 + 3] & 0xff : 255;
                for (int c = 0; c < 3; c++) {
                    scratch[c * plane + p] = background.over(bytes[p * channels + 2 - c] & 0xff, alpha, c) / 255f;
                }
            }
        }
        return null;
    }

    private String takeWidth(int size) {
        if (size <= 0) {
            return "an empty image; expected at least one value";
        }
        if (width >= 0 && size != width) {
            return size + " values; the rows before it have " + width + "; expected one size";
        }
        width = size;
        if (scratch == null || scratch.length != size) {
            scratch = new float[size];
        }
        return null;
    }

    private String put(int i, double value, Reading reading) {
        PixelScale scale = reading.scale();
        if (!Double.isFinite(value)) {
            return value + " at position " + i + "; expected finite pixel values";
        }
        if (value < 0 || value > scale.max()) {
            return value + " at position " + i + "; expected values from 0 to " + scale.text().substring(2)
                    + " (" + reading.scaleName() + " " + scale.text() + ")";
        }
        scratch[i] = scale.toUnit(value);
        return null;
    }

    private String label(Object value, int limit) {
        if (value == null) {
            return "null; expected a class label";
        }
        double x = ((Number) value).doubleValue();
        if (x != Math.rint(x) || x < 0 || x >= limit) {
            return value + "; expected an integer class label from 0 to " + (limit - 1);
        }
        pendingLabel = (int) x;
        return null;
    }

    private void append(Reading reading) {
        int at = rows * width;
        if (at + width > data.length) {
            data = Arrays.copyOf(data, Math.max(at + width, data.length * 2));
        }
        for (int i = 0; i < width; i++) {
            // Exactly the IDX reader's mapping of a byte's x / 255 to the tanh generator's range.
            data[at + i] = reading.signed() ? 2f * scratch[i] - 1f : scratch[i];
        }
        if (labels != null) {
            if (rows >= labels.length) {
                labels = Arrays.copyOf(labels, Math.max(16, labels.length * 2));
            }
            labels[rows] = (byte) pendingLabel;
            maxLabel = Math.max(maxLabel, pendingLabel);
        }
        rows++;
    }

    /** The same facts without the pixels, for the driver. */
    RowBlock summary() {
        RowBlock s = new RowBlock(partition);
        s.rows = rows;
        s.width = width;
        s.shape = shape;
        s.maxLabel = maxLabel;
        s.errorRow = errorRow;
        s.error = error;
        s.labelError = labelError;
        s.data = null;
        s.labels = null;
        return s;
    }
}
