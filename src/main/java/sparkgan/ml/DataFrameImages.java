package sparkgan.ml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkgan.BadInputException;
import sparkgan.data.Background;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.data.MnistData;

/**
 * A DataFrame's images as the engines train on them: one cached dense block per partition, each a
 * contiguous range of the DataFrame's rows in order, cut exactly where the IDX reader cuts the same
 * images ({@link MnistData#rangeStart}), so that a DataFrame of MNIST in file order trains bit for bit
 * as the files do. Two jobs: each input partition becomes one block where it lives (every row checked;
 * the first refused row of the whole DataFrame is reported by its position), then the blocks are cut
 * and regrouped into the training partitions, a few large arrays per shuffle, never one object per row.
 */
final class DataFrameImages {
    /**
     * What to read and how. {@code declared} is the imageShape Param, or null; {@code scaleName} the
     * name of the setting that declared the pixel scale, for messages; {@code background} what the
     * alpha of BGRA image structs is composited over.
     */
    record Request(String featuresCol, Labels labels, ImageShape declared, PixelScale scale, String scaleName, int partitions,
                   boolean signed, Background background) {
        String labelCol() {
            return labels == null ? null : labels.column();
        }
    }

    /** The label column and the labels it may hold: 0 to {@code limit} - 1. */
    record Labels(String column, int limit) implements java.io.Serializable {
    }

    /** The cached blocks and what reading found: the images' shape and count, and 1 + the largest label (0 unlabelled). */
    record Loaded(JavaRDD<ImageBlock> blocks, ImageShape shape, long count, int classes, FeatureColumn kind) {
    }

    /** A piece of one input block bound for one training partition (a class, not a record: Kryo may ship it). */
    private static final class Slice implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int first;
        final int rows;
        final float[] data;
        final byte[] labels;

        Slice(int first, int rows, float[] data, byte[] labels) {
            this.first = first;
            this.rows = rows;
            this.data = data;
            this.labels = labels;
        }

        int first() {
            return first;
        }
    }

    private DataFrameImages() {
    }

    static Loaded load(Dataset<?> dataset, Request request) {
        FeatureColumn kind = FeatureColumn.of(dataset.schema(), request.featuresCol());
        boolean labelled = request.labelCol() != null;
        List<Column> columns = new ArrayList<>(List.of(functions.col(request.featuresCol())));
        if (labelled) {
            FeatureColumn.checkLabel(dataset.schema(), request.labelCol());
            columns.add(functions.col(request.labelCol()));
        }
        RowBlock.Reading reading = new RowBlock.Reading(kind, kind == FeatureColumn.IMAGE ? PixelScale.BYTE : request.scale(),
                request.scaleName(), request.signed(), labelled ? request.labels().limit() : 0, request.background());
        dataset.sparkSession().sparkContext().setJobDescription("read column '" + request.featuresCol() + "' into blocks");
        JavaRDD<RowBlock> read = dataset.select(columns.toArray(new Column[0])).javaRDD()
                .mapPartitionsWithIndex((p, rows) -> Collections.singletonList(RowBlock.read(p, rows, reading)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            List<RowBlock> summaries = read.map(RowBlock::summary).collect();
            Facts facts = check(summaries, request, kind);
            JavaRDD<ImageBlock> blocks = regroup(read, summaries, facts.count(), request.partitions(), facts.shape().pixels());
            blocks.count();
            return new Loaded(blocks, facts.shape(), facts.count(), facts.classes(), kind);
        } finally {
            read.unpersist(false);
        }
    }

    private record Facts(ImageShape shape, int count, int classes) {
    }

    /** The first refused row of the DataFrame, by position, or the facts of a DataFrame fit to train on. */
    private static Facts check(List<RowBlock> summaries, Request request, FeatureColumn kind) {
        long before = 0;
        int width = -1;
        ImageShape shape = null;
        int maxLabel = -1;
        for (RowBlock s : summaries) {
            boolean otherWidth = s.rows > 0 && width >= 0 && s.width != width;
            boolean otherShape = s.shape != null && shape != null && !s.shape.equals(shape);
            if (otherWidth || otherShape) {
                String what = otherShape ? "an image of " + s.shape.describe() + "; the rows before it are " + shape.describe()
                        : s.width + " values; the rows before it have " + width;
                throw rowError(request.featuresCol(), before, what + "; expected one " + (otherShape ? "shape" : "size"));
            }
            if (s.error != null) {
                throw rowError(s.labelError ? request.labelCol() : request.featuresCol(), before + s.errorRow, s.error);
            }
            if (s.rows > 0) {
                width = s.width;
                shape = s.shape != null ? s.shape : shape;
            }
            maxLabel = Math.max(maxLabel, s.maxLabel);
            before += s.rows;
        }
        if (before == 0) {
            throw new BadInputException("column '" + request.featuresCol() + "': the DataFrame has no rows; expected at least one image");
        }
        if (before > Integer.MAX_VALUE) {
            throw new BadInputException("column '" + request.featuresCol() + "': " + before + " rows; expected at most " + Integer.MAX_VALUE);
        }
        if (before < request.partitions()) {
            throw new BadInputException("numPartitions = " + request.partitions() + ": more than the DataFrame's " + before
                    + " rows; expected at most one partition per image");
        }
        return new Facts(shapeOf(request, kind, shape, width), (int) before, maxLabel + 1);
    }

    private static ImageShape shapeOf(Request request, FeatureColumn kind, ImageShape found, int width) {
        ImageShape declared = request.declared();
        if (kind == FeatureColumn.IMAGE) {
            if (declared != null && !declared.equals(found)) {
                throw new BadInputException("imageShape = " + declared + ": the images in column '" + request.featuresCol()
                        + "' are " + found.describe() + "; expected the same shape (or leave imageShape unset)");
            }
            return found;
        }
        if (declared != null && declared.pixels() != width) {
            throw new BadInputException("imageShape = " + declared + ": " + declared.pixels() + " values per image, but column '"
                    + request.featuresCol() + "' holds " + width);
        }
        return declared != null ? declared : ImageShape.parse("", width, "imageShape");
    }

    private static BadInputException rowError(String column, long row, String what) {
        return new BadInputException("column '" + column + "', row " + row + ": " + what);
    }

    /** The input blocks cut at the training partitions' boundaries and regrouped, each partition's pieces in row order. */
    private static JavaRDD<ImageBlock> regroup(JavaRDD<RowBlock> read, List<RowBlock> summaries, int count, int partitions, int width) {
        int[] starts = new int[summaries.size()];
        for (int i = 1; i < starts.length; i++) {
            starts[i] = starts[i - 1] + summaries.get(i - 1).rows;
        }
        JavaPairRDD<Integer, Slice> slices = read.flatMapToPair(block -> cut(block, starts[block.partition], count, partitions, width).iterator());
        return slices.partitionBy(new HashPartitioner(partitions))
                .mapPartitionsWithIndex((p, pieces) -> Collections.singletonList(join(p, pieces, count, partitions, width)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
    }

    private static List<Tuple2<Integer, Slice>> cut(RowBlock block, int start, int count, int partitions, int width) {
        List<Tuple2<Integer, Slice>> out = new ArrayList<>();
        int end = start + block.rows;
        for (int p = 0; p < partitions && start < end; p++) {
            int from = Math.max(start, MnistData.rangeStart(count, partitions, p));
            int to = Math.min(end, MnistData.rangeStart(count, partitions, p + 1));
            if (from < to) {
                int a = from - start;
                int b = to - start;
                byte[] labels = block.labels == null ? null : java.util.Arrays.copyOfRange(block.labels, a, b);
                out.add(new Tuple2<>(p, new Slice(from, b - a, java.util.Arrays.copyOfRange(block.data, a * width, b * width), labels)));
            }
        }
        return out;
    }

    private static ImageBlock join(int partition, java.util.Iterator<Tuple2<Integer, Slice>> pieces, int count, int partitions, int width) {
        List<Slice> slices = new ArrayList<>();
        pieces.forEachRemaining(t -> slices.add(t._2()));
        slices.sort(Comparator.comparingInt(Slice::first));
        int start = MnistData.rangeStart(count, partitions, partition);
        int rows = MnistData.rangeStart(count, partitions, partition + 1) - start;
        float[] data = new float[rows * width];
        byte[] labels = slices.isEmpty() || slices.get(0).labels == null ? null : new byte[rows];
        for (Slice s : slices) {
            System.arraycopy(s.data, 0, data, (s.first - start) * width, s.rows * width);
            if (labels != null) {
                System.arraycopy(s.labels, 0, labels, s.first - start, s.rows);
            }
        }
        return new ImageBlock(partition, start, rows, width, data, labels);
    }
}
