package sparkgan.ml;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.data.ImageShape;
import sparkgan.gan.GanSpec;
import sparkgan.io.ModelFile;

/**
 * A trained generator (and its discriminator) as a Spark ML {@link Model}: {@link #transform} adds to
 * every row one generated image, conditioned on the row's label for a conditional model, its noise
 * drawn from a stream keyed by (seed, the row's position), so the same model, rows and seed give the
 * same values wherever the rows are; {@link #generate} makes a DataFrame of samples. Saved as Spark ML
 * metadata (the Params as JSON) beside the weights in the project's model file format
 * ({@code data/model.sgan}, which {@code generate --model} also reads).
 */
public final class GanModel extends Model<GanModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** Where the weights sit inside a saved model's directory. */
    static final String WEIGHTS = "data/model.sgan";

    private final String uid;
    private final StageParams p;
    /** Not part of the stage's Java serialization: tasks get the weights by broadcast. */
    private final transient ModelFile file;

    GanModel(String uid, ModelFile file) {
        this.uid = uid;
        this.p = new StageParams(this);
        this.file = file;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return p.all();
    }

    public GanModel setOutputCol(String column) {
        set(p.outputCol, column);
        return this;
    }

    public GanModel setLabelCol(String column) {
        set(p.labelCol, column);
        return this;
    }

    /** The seed of the noise {@link #transform} draws; unset: the training seed. */
    public GanModel setSeed(long seed) {
        set(p.seed, seed);
        return this;
    }

    GanModel withPixelScale(PixelScale scale) {
        set(p.pixelScale, scale.text());
        return this;
    }

    /** The configuration the model was trained with, as fitted to its data (image shape, widths, classes). */
    public Map<String, String> configuration() {
        return file.config();
    }

    public ImageShape imageShape() {
        return spec().image();
    }

    /** Classes a conditional model generates (0: unconditional). */
    public int classes() {
        return spec().classes();
    }

    /** Alternating iterations it was trained for. */
    public long iterations() {
        return file.iteration();
    }

    /** The weights and configuration in the project's model file format. */
    public ModelFile modelFile() {
        return file;
    }

    private GanSpec spec() {
        return GanSpec.from(GanConfig.fromMap(file.config(), "the model"));
    }

    private long noiseSeed() {
        return isSet(p.seed) ? (Long) getOrDefault(p.seed) : GanConfig.fromMap(file.config(), "the model").get(GanParams.TRAIN_SEED);
    }

    static StructType withOutput(StructType schema, String outputCol) {
        if (Arrays.asList(schema.fieldNames()).contains(outputCol)) {
            throw new BadInputException("column '" + outputCol + "' (outputCol) is already in the DataFrame; expected a new column name");
        }
        return schema.add(outputCol, SQLDataTypes.VectorType(), false);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (classes() > 0) {
            if (!isSet(p.labelCol)) {
                throw new BadInputException("labelCol: the model is conditional (" + classes() + " classes); expected the column of the labels to generate");
            }
            FeatureColumn.checkLabel(schema, getOrDefault(p.labelCol));
        }
        return withOutput(schema, getOrDefault(p.outputCol));
    }

    /** Every row with one generated image in outputCol (a Vector of channel planes, in the pixel scale of the training data). */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int labelIndex = classes() > 0 ? Arrays.asList(dataset.schema().fieldNames()).indexOf(getOrDefault(p.labelCol)) : -1;
        RowGenerator generator = new RowGenerator(spec(), noiseSeed(), PixelScale.parse(getOrDefault(p.pixelScale)),
                labelIndex, labelIndex < 0 ? null : getOrDefault(p.labelCol));
        Broadcast<float[]> weights = sc.broadcast(file.samplingGenerator());
        JavaRDD<Row> rows = dataset.toDF().javaRDD().zipWithIndex()
                .mapPartitions(it -> generator.rows(it, weights.value()));
        return spark.createDataFrame(rows, out);
    }

    /**
     * {@code count} samples: a DataFrame of {@code id} (0..count-1), for a conditional model a label
     * column (labelCol, default {@code label}) cycling through the classes, and outputCol.
     */
    public Dataset<Row> generate(long count, long seed) {
        SparkSession spark = SparkSession.active();
        Dataset<Row> ids = spark.range(count).toDF("id");
        GanModel sampler = copy(ParamMap.empty()).setSeed(seed);
        if (classes() > 0) {
            String label = isSet(p.labelCol) ? getOrDefault(p.labelCol) : "label";
            ids = ids.withColumn(label, functions.col("id").mod(classes()).cast(DataTypes.IntegerType));
            sampler.setLabelCol(label);
        }
        return sampler.transform(ids);
    }

    @Override
    public GanModel copy(ParamMap extra) {
        return copyValues(new GanModel(uid, file), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new GanModelWriter(this);
    }

    public static MLReader<GanModel> read() {
        return new GanModelReader();
    }

    public static GanModel load(String path) {
        return read().load(path);
    }
}
