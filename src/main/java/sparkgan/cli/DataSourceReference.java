package sparkgan.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.io.ModelFile;
import sparkgan.ml.DataFrameSource;
import sparkgan.run.EvaluationReference;

/**
 * {@code evaluate --data X --format image} (or another Spark data source): the images a run trained on,
 * read as train read them (the model's own background and channels), in [0, 1] as samples are judged,
 * gathered on the driver as the reference. There is no classifier for such data, so the metrics are
 * the ones that need none.
 */
final class DataSourceReference {
    private static final Set<String> FORMATS = Set.of("image", "parquet", "libsvm", "csv");

    private DataSourceReference() {
    }

    /**
     * @param expected the shape of the images to judge
     * @param model the model judged (its data.* keys say how its images were read), or null for --samples
     */
    static EvaluationReference read(JavaSparkContext sc, String uri, String format, ImageShape expected, ModelFile model) {
        if (!FORMATS.contains(format)) {
            throw new BadInputException("--format " + format + ": expected idx, image, parquet, libsvm or csv");
        }
        GanConfig config = model == null ? GanConfig.defaults() : GanConfig.fromMap(model.config(), "the model");
        // Unconditional and unsigned: every image of the source, in the [0, 1] that samples are judged in.
        config = config.with("data.uri", uri).with("data.format", format).with("data.limit", "0").with("cgan.classes", "0")
                .with("data.labels", "").with("g.output", "sigmoid").with("image.shape", expected.toString());
        DataFrameSource source = DataFrameSource.read(sc, config, 1, System.err::println);
        try {
            List<ImageBlock> blocks = new ArrayList<>(source.blocks().collect());
            blocks.sort(Comparator.comparingInt(ImageBlock::firstIndex));
            int px = expected.pixels();
            float[] data = new float[Math.multiplyExact(source.count(), px)];
            for (ImageBlock b : blocks) {
                System.arraycopy(b.data(), 0, data, b.firstIndex() * px, b.rows() * px);
            }
            return EvaluationReference.fromImages("--data " + uri, expected, data, source.count());
        } finally {
            source.blocks().unpersist(false);
        }
    }
}
