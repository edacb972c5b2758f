package sparkgan.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkgan.BadInputException;
import sparkgan.data.Background;
import sparkgan.io.HadoopFiles;

/**
 * {@code train --format image}: a folder of image files read as Spark's binaryFile data source and
 * decoded with javax.imageio on the executors into the struct Spark's image data source writes (origin,
 * height, width, nChannels, mode, data: for an opaque file the same values, the origin in Hadoop's
 * file:/ form rather than file:///), files by name. Reading the files ourselves fixes what that source
 * gets wrong for training: it drops alpha (transparent pixels would train as the RGB their file stores
 * there) and reads grey+alpha files as grey without alpha; it gives grey and colour files different
 * channel counts, which a run cannot mix; and it turns a file it cannot read into a row of -1 channels
 * that names no file. Here every pixel is composited over data.background, every image gets the run's
 * channel count, and an unreadable file is named (or skipped, when asked).
 */
final class ImageFolder {
    /** The column the images are in, as Spark's image data source names it. */
    static final String COLUMN = "image";
    /** The column of the files' classes, with data.labels. */
    static final String LABEL = "label";
    /** Files named in the line that reports skipped ones. */
    private static final int NAMED = 5;

    private final Background background;
    private final boolean skipUnreadable;
    /** image.shape's channels, or 0 when not configured. */
    private final int configuredChannels;
    /** Each file's class (data.labels), or null for an unconditional run. */
    private final FileLabels labels;
    private final Consumer<String> notice;

    ImageFolder(Background background, boolean skipUnreadable, int configuredChannels, FileLabels labels, Consumer<String> notice) {
        this.background = background;
        this.skipUnreadable = skipUnreadable;
        this.configuredChannels = configuredChannels;
        this.labels = labels;
        this.notice = notice;
    }

    /**
     * What a pass over the files found: how many, whether any image has colour, the unreadable files' paths,
     * the readable files without a row in data.labels.
     */
    private static final class Survey implements Serializable {
        private static final long serialVersionUID = 1L;
        long files;
        boolean colour;
        final List<String> unreadable = new ArrayList<>();
        final List<String> unlabelled = new ArrayList<>();

        Survey add(Survey other) {
            files += other.files;
            colour |= other.colour;
            unreadable.addAll(other.unreadable);
            unlabelled.addAll(other.unlabelled);
            return this;
        }
    }

    /**
     * The images under {@code uri} as one column {@value #COLUMN} of image structs, files by name. A
     * first job decodes every file to find the run's channel count and the unreadable files; the rows
     * decode them again where they are read (a folder's decoded pixels are not kept twice in memory).
     */
    Dataset<Row> read(SparkSession spark, String uri) {
        // The rows are ordered by _metadata.file_path (the URI, URL-encoded), as the image source's rows were.
        Dataset<Row> files = spark.read().format("binaryFile").load(uri)
                .select(functions.col("path"), functions.col("content"), functions.col("_metadata.file_path").as("order"));
        Background over = background;
        FileLabels classes = labels;
        Path folder = new Path(uri);
        String root = HadoopFiles.fs(folder).makeQualified(folder).toString();
        spark.sparkContext().setJobDescription("decode the image files in " + uri);
        Survey survey = files.javaRDD().mapPartitions(rows -> Collections.singletonList(survey(rows, over, root, classes)).iterator())
                .fold(new Survey(), Survey::add);
        Collections.sort(survey.unreadable);
        reportUnreadable(uri, survey);
        reportUnlabelled(uri, root, survey);
        int channels = configuredChannels == 1 || configuredChannels == 0 && !survey.colour ? 1 : 3;
        JavaRDD<Row> images = files.orderBy(functions.col("order")).javaRDD()
                .mapPartitions(rows -> structs(rows, over, channels, root, classes));
        StructType schema = new StructType().add(COLUMN, ImageSchema.columnSchema());
        return spark.createDataFrame(images, classes == null ? schema : schema.add(LABEL, DataTypes.IntegerType, false));
    }

    private static Survey survey(Iterator<Row> rows, Background background, String root, FileLabels labels) {
        Survey s = new Survey();
        while (rows.hasNext()) {
            Row file = rows.next();
            DecodedImage image = DecodedImage.decode((byte[]) file.get(1), background);
            s.files++;
            if (image == null) {
                s.unreadable.add(file.getString(0));
            } else {
                s.colour |= image.colour();
                if (labels != null && labels.labelOf(FileLabels.under(root, file.getString(0))) < 0) {
                    s.unlabelled.add(file.getString(0));
                }
            }
        }
        return s;
    }

    /** Every image file needs its class; the CSV's rows for files not in the folder are only counted. */
    private void reportUnlabelled(String uri, String root, Survey survey) {
        if (labels == null) {
            return;
        }
        List<String> missing = survey.unlabelled;
        if (!missing.isEmpty()) {
            Collections.sort(missing);
            String more = missing.size() == 1 ? "" : " (the first by name of " + missing.size() + " such files)";
            throw new BadInputException(labels.description() + ": no row for the image " + FileLabels.under(root, missing.get(0))
                    + " of --data " + uri + more + "; expected one row per image, naming it by its path under the folder");
        }
        long images = survey.files - survey.unreadable.size();
        String names = labels.classNames();
        notice.accept("notice: " + labels.description() + ": the classes of " + images + " images"
                + (labels.rows() > images ? " (" + (labels.rows() - images) + " of its rows name no image file and are not used)" : "")
                + (names == null ? "" : "; classes " + names));
    }

    private void reportUnreadable(String uri, Survey survey) {
        List<String> bad = survey.unreadable;
        if (bad.isEmpty()) {
            return;
        }
        if (!skipUnreadable) {
            String more = bad.size() == 1 ? "" : " (the first by name of " + bad.size() + " such files)";
            throw new BadInputException(bad.get(0) + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP)" + more
                    + "; expected only images in the folder, or data.skipUnreadable = true");
        }
        if (bad.size() == survey.files) {
            throw new BadInputException("--data " + uri + ": none of its " + survey.files
                    + " files is an image javax.imageio can read (PNG, JPEG, GIF, BMP); expected at least one");
        }
        List<String> names = new ArrayList<>();
        for (String path : bad.subList(0, Math.min(NAMED, bad.size()))) {
            names.add(new Path(path).getName());
        }
        notice.accept("notice: --data " + uri + ": skipped " + bad.size() + " of " + survey.files
                + " files that javax.imageio cannot read (data.skipUnreadable = true): " + String.join(", ", names)
                + (bad.size() > NAMED ? ", ..." : ""));
    }

    /**
     * Each readable file's image struct in the channels of the run, decoded as the rows are taken (never a
     * partition's images at once); files it cannot read are left out.
     */
    private static Iterator<Row> structs(Iterator<Row> files, Background background, int channels, String root, FileLabels labels) {
        int mode = (Integer) ImageSchema.javaOcvTypes().get(channels == 1 ? "CV_8UC1" : "CV_8UC3");
        return new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (files.hasNext()) {
                    Row file = files.next();
                    DecodedImage image = DecodedImage.decode((byte[]) file.get(1), background);
                    if (image != null) {
                        Row struct = RowFactory.create(file.getString(0), image.height(), image.width(), channels, mode,
                                channels == 1 ? image.grey() : image.bgr());
                        return labels == null ? RowFactory.create(struct)
                                : RowFactory.create(struct, labels.labelOf(FileLabels.under(root, file.getString(0))));
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = advance();
                return row;
            }
        };
    }
}
