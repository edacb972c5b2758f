package sparkgan.ml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.data.ImageSource;
import sparkgan.data.StreamSource;
import sparkgan.gan.NetworkFamily;
import sparkgan.io.HadoopFiles;
import sparkgan.math.Activation;
import sparkgan.spark.CachedBlocks;

/**
 * The command line's training data read through one of Spark's data sources (Parquet, a folder of
 * images as {@link ImageFolder} decodes it, libsvm, CSV) in a reproducible order (Parquet and image
 * files by name, a CSV or libsvm file in its own order): read into the training partitions' cached
 * blocks as {@link GanEstimator} reads a DataFrame, with the facts a run records (shape, count, the
 * files' identity for resumes). Its blocks are trained on by the Spark engine as they are
 * ({@link CachedBlocks}); no executor reads a partition of it on its own, so {@link #readBlock} is
 * refused.
 */
public final class DataFrameSource implements ImageSource, CachedBlocks {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final ImageShape shape;
    private final int count;
    private final boolean labelled;
    private final List<StreamSource> files;
    private final transient JavaRDD<ImageBlock> blocks;

    private DataFrameSource(String description, DataFrameImages.Loaded loaded, boolean labelled, List<StreamSource> files) {
        this.description = description;
        this.shape = loaded.shape();
        this.count = (int) loaded.count();
        this.labelled = labelled;
        this.files = files;
        this.blocks = loaded.blocks();
    }

    /** The format data.format names for {@code uri}: "auto" resolved by the path's ending. */
    public static String format(String uri, String configured) {
        if (!configured.equals("auto")) {
            return configured;
        }
        String path = uri == null ? "" : uri.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (path.endsWith(".parquet")) {
            return "parquet";
        }
        if (path.endsWith(".csv")) {
            return "csv";
        }
        return path.endsWith(".libsvm") || path.endsWith(".svm") ? "libsvm" : "idx";
    }

    /**
     * Reads data.uri in the configuration's format into {@code partitions} cached blocks; {@code notice}
     * gets the lines that tell the user what was done to the data (image files skipped).
     */
    public static DataFrameSource read(JavaSparkContext sc, GanConfig config, int partitions, Consumer<String> notice) {
        String uri = config.get(GanParams.DATA_URI);
        String format = format(uri, config.get(GanParams.DATA_FORMAT));
        if (uri.isBlank() || !HadoopFiles.exists(uri)) {
            throw new BadInputException("--data " + uri + ": no such file or directory (--format " + format + ")");
        }
        SparkSession spark = SparkSession.builder().config(sc.getConf()).getOrCreate();
        int classes = config.get(GanParams.CGAN_CLASSES);
        boolean image = format.equals("image");
        DataFrameImages.Labels labels = classes == 0 ? null
                : new DataFrameImages.Labels(image ? ImageFolder.LABEL : config.get(GanParams.DATA_LABEL_COL), classes);
        String featuresCol = config.get(GanParams.DATA_FEATURES_COL);
        Dataset<Row> frame = image ? imageFolder(spark, config, notice).read(spark, uri)
                : load(spark, uri, format, config.get(GanParams.DATA_LABEL_COL), featuresCol, expectedWidth(config));
        if (featuresCol.isBlank()) {
            featuresCol = format.equals("image") ? ImageFolder.COLUMN : "features";
        }
        int limit = config.get(GanParams.DATA_LIMIT);
        if (limit > 0) {
            frame = frame.limit(limit);
        }
        String shape = config.get(GanParams.IMAGE_SHAPE);
        DataFrameImages.Loaded loaded = DataFrameImages.load(frame, new DataFrameImages.Request(featuresCol, labels,
                shape.isBlank() ? null : ImageShape.parse(shape, GanParams.IMAGE_SHAPE.name()),
                PixelScale.parse(config.get(GanParams.DATA_PIXEL_SCALE)), GanParams.DATA_PIXEL_SCALE.name(), partitions,
                config.get(GanParams.G_OUTPUT) == Activation.TANH, config.get(GanParams.DATA_BACKGROUND)));
        return new DataFrameSource(uri + " (" + format + ")", loaded, labels != null, dataFiles(uri));
    }

    /**
     * The values per image the configuration expects (image.shape, else what the network family fixes),
     * or 0: libsvm files do not say how many features a row has, and Spark's guess (the largest index
     * present) is short whenever the last pixels are 0 in every row, as MNIST's corners are.
     */
    private static int expectedWidth(GanConfig config) {
        String shape = config.get(GanParams.IMAGE_SHAPE);
        if (!shape.isBlank()) {
            return ImageShape.parse(shape, GanParams.IMAGE_SHAPE.name()).pixels();
        }
        return NetworkFamily.of(config).fixedImagePixels(config);
    }

    /**
     * How the configuration reads a folder of image files: background, unreadable files, image.shape's
     * channels, and for a conditional GAN the files' classes from data.labels.
     */
    private static ImageFolder imageFolder(SparkSession spark, GanConfig config, Consumer<String> notice) {
        String shape = config.get(GanParams.IMAGE_SHAPE);
        int channels = shape.isBlank() ? 0 : ImageShape.parse(shape, GanParams.IMAGE_SHAPE.name()).channels();
        int classes = config.get(GanParams.CGAN_CLASSES);
        String labelsUri = config.get(GanParams.DATA_LABELS);
        FileLabels labels = null;
        if (classes > 0) {
            if (labelsUri.isBlank()) {
                throw new BadInputException("config key 'cgan.classes' = " + classes + ": with --format image a conditional GAN needs "
                        + "data.labels (as --labels), a CSV naming each image file's class");
            }
            labels = FileLabels.read(spark, labelsUri, config.get(GanParams.DATA_LABELS_FILE_COL), config.get(GanParams.DATA_LABEL_COL),
                    classes);
        }
        return new ImageFolder(config.get(GanParams.DATA_BACKGROUND), config.get(GanParams.DATA_SKIP_UNREADABLE), channels, labels, notice);
    }

    private static Dataset<Row> load(SparkSession spark, String uri, String format, String labelCol, String featuresCol, int width) {
        return switch (format) {
            case "parquet" -> inFileOrder(spark.read().parquet(uri));
            case "libsvm" -> width > 0 ? spark.read().format("libsvm").option("numFeatures", width).load(uri)
                    : spark.read().format("libsvm").load(uri);
            case "csv" -> assembled(spark.read().option("inferSchema", "true").csv(uri), uri, labelCol,
                    featuresCol.isBlank() ? "features" : featuresCol);
            default -> throw new IllegalArgumentException("not a Spark data source: " + format);
        };
    }

    /**
     * The rows in the order of their files' names (part-00000, part-00001, ... as Spark writes them;
     * {@link ImageFolder} orders image files by name likewise) and, inside a Parquet file, its row order:
     * Spark's own scan visits files largest first, which would make the training order depend on file sizes.
     */
    private static Dataset<Row> inFileOrder(Dataset<Row> frame) {
        return frame.orderBy(functions.col("_metadata.file_path"), functions.col("_metadata.row_index"));
    }

    /** A CSV's numeric columns but the label, assembled into one Vector column (spark-mllib's VectorAssembler). */
    private static Dataset<Row> assembled(Dataset<Row> csv, String uri, String labelCol, String featuresCol) {
        List<String> pixels = new ArrayList<>();
        for (StructField f : csv.schema().fields()) {
            if (!f.name().equals(labelCol)) {
                if (!(f.dataType() instanceof NumericType)) {
                    throw new BadInputException("--data " + uri + ": column '" + f.name() + "' is " + f.dataType().simpleString()
                            + "; expected numbers in every column (a CSV without a header line)");
                }
                pixels.add(f.name());
            }
        }
        return new VectorAssembler().setInputCols(pixels.toArray(new String[0])).setOutputCol(featuresCol)
                .setHandleInvalid("keep").transform(csv);
    }

    /** The files the data source reads (Spark's own markers such as _SUCCESS left out), for the run's identity. */
    private static List<StreamSource> dataFiles(String uri) {
        Path root = new Path(uri);
        FileSystem fs = HadoopFiles.fs(root);
        List<String> found = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (!p.getName().startsWith("_") && !p.getName().startsWith(".")) {
                    found.add(p.toString());
                }
            }
        } catch (IOException e) {
            throw new BadInputException("--data " + uri + ": cannot list: " + e.getMessage());
        }
        String[] sorted = found.toArray(new String[0]);
        Arrays.sort(sorted);
        List<StreamSource> out = new ArrayList<>();
        for (String f : sorted) {
            out.add(StreamSource.hadoop(f));
        }
        return out;
    }

    @Override
    public JavaRDD<ImageBlock> blocks() {
        return blocks;
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public boolean hasLabels() {
        return labelled;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ImageBlock readBlock(int partition, int partitions, boolean signed) {
        throw new UnsupportedOperationException(description + " is read into cached blocks by Spark jobs; use blocks()");
    }

    @Override
    public List<StreamSource> files() {
        return files;
    }
}
