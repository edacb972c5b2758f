package sparkgan.ml;

import java.util.LinkedHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.data.Background;
import sparkgan.data.ImageShape;
import sparkgan.gan.GanSpec;
import sparkgan.io.Checkpoints;
import sparkgan.io.ModelFile;
import sparkgan.math.Activation;
import sparkgan.spark.SparkContexts;
import sparkgan.spark.SparkEngine;
import sparkgan.train.TrainSettings;
import sparkgan.train.Training;
import sparkgan.train.TrainingState;

/**
 * Trains a GAN on a DataFrame's images: a Spark ML {@link Estimator} over the same {@link Training}
 * the command line runs, with every configuration key a Param of its own name.
 *
 * <pre>{@code
 * GanModel model = new GanEstimator().setPreset("mlp").setMaxIter(2000)
 *         .setConfig("train.batch", "64").setFeaturesCol("pixels").fit(images);
 * }</pre>
 *
 * The rows become one dense block per partition (a contiguous range of the rows, in order), cached
 * on the executors while training runs. A DataFrame of MNIST in file order, with numPartitions as
 * {@code train --partitions}, gives the same G and D, bit for bit, as {@code train} on the files.
 */
public final class GanEstimator extends Estimator<GanModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final StageParams p;

    public GanEstimator() {
        this(Identifiable$.MODULE$.randomUID("ganEstimator"));
    }

    public GanEstimator(String uid) {
        this.uid = uid;
        this.p = new StageParams(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return p.all();
    }

    public GanEstimator setFeaturesCol(String column) {
        set(p.featuresCol, column);
        return this;
    }

    public GanEstimator setLabelCol(String column) {
        set(p.labelCol, column);
        return this;
    }

    public GanEstimator setOutputCol(String column) {
        set(p.outputCol, column);
        return this;
    }

    public GanEstimator setImageShape(int channels, int height, int width) {
        set(p.imageShape, new ImageShape(channels, height, width).toString());
        return this;
    }

    /** "0-1" or "0-255": the range of the input's pixels, and of the model's output. */
    public GanEstimator setPixelScale(String scale) {
        set(p.pixelScale, PixelScale.parse(scale).text());
        return this;
    }

    /**
     * "white", "black" or "R,G,B" (each 0-255): what the alpha of BGRA image structs (Spark's image data
     * source keeps a PNG's alpha) is composited over, as config key data.background.
     */
    public GanEstimator setBackground(String background) {
        Background.parse(background, "background");
        set(p.background, background.trim());
        return this;
    }

    public GanEstimator setPreset(String preset) {
        GanConfig.defaults().withPreset(preset);
        set(p.preset, preset);
        return this;
    }

    public GanEstimator setMaxIter(int iterations) {
        set(p.maxIter, iterations);
        return this;
    }

    public GanEstimator setSeed(long seed) {
        set(p.seed, seed);
        return this;
    }

    public GanEstimator setNumPartitions(int partitions) {
        set(p.numPartitions, partitions);
        return this;
    }

    /**
     * Sets a configuration key (as {@code --set key=value} does on the command line); a value the key
     * refuses is an error naming the key and what it expects.
     */
    public GanEstimator setConfig(String key, String value) {
        Param<String> param = p.key(key);
        GanParams.byName(key).parse(value);
        set(param, value.trim());
        return this;
    }

    /** The Param of a configuration key, for {@code ParamMap}s and grids. */
    public Param<String> configParam(String key) {
        return p.key(key);
    }

    /** The configuration this estimator trains with before the data is seen (the preset and every key set). */
    public GanConfig configuration() {
        return p.config(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureColumn.of(schema, getOrDefault(p.featuresCol));
        if (isSet(p.labelCol)) {
            FeatureColumn.checkLabel(schema, getOrDefault(p.labelCol));
        }
        return GanModel.withOutput(schema, getOrDefault(p.outputCol));
    }

    @Override
    public GanModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        GanConfig base = p.config(this);
        TrainSettings.from(base); // the run's keys are checked before a Spark job runs; the networks' once fitted to the data
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        SparkContexts.requireKryoRegistrator(sc.getConf());
        int partitions = isSet(p.numPartitions) ? (Integer) getOrDefault(p.numPartitions) : sc.defaultParallelism();
        try (SparkContexts.JobLabels labels = SparkContexts.keepJobLabels(sc)) {
            DataFrameImages.Loaded data = DataFrameImages.load(dataset, new DataFrameImages.Request(getOrDefault(p.featuresCol),
                    labels(base), isSet(p.imageShape) ? ImageShape.parse(getOrDefault(p.imageShape), "imageShape") : null,
                    PixelScale.parse(getOrDefault(p.pixelScale)), "pixelScale", partitions,
                    base.get(GanParams.G_OUTPUT) == Activation.TANH, Background.parse(getOrDefault(p.background), "background")));
            GanModel model = new GanModel(uid, train(sc, base, data, partitions));
            copyValues(model, extractParamMap());
            if (data.kind() == FeatureColumn.IMAGE) {
                model.withPixelScale(PixelScale.BYTE);
            }
            return model.setParent(this);
        }
    }

    /** The label column and its limit: cgan.classes when the user set it, else a byte's 256. */
    private DataFrameImages.Labels labels(GanConfig base) {
        if (!isSet(p.labelCol)) {
            return null;
        }
        boolean classesSet = isSet(p.keys.get(GanParams.CGAN_CLASSES.name()));
        int limit = classesSet && base.get(GanParams.CGAN_CLASSES) > 0 ? base.get(GanParams.CGAN_CLASSES) : 256;
        return new DataFrameImages.Labels(getOrDefault(p.labelCol), limit);
    }

    /** Trains on the cached blocks (unpersisted whatever happens) and returns the model file. */
    private ModelFile train(JavaSparkContext sc, GanConfig base, DataFrameImages.Loaded data, int partitions) {
        boolean handedOver = false;
        try {
            GanConfig config = ConfigForData.fit(base, data.shape(), isSet(p.labelCol) ? data.classes() : 0, partitions,
                    key -> p.keys.containsKey(key) && isSet(p.keys.get(key)));
            TrainSettings settings = TrainSettings.from(config);
            GanSpec spec = GanSpec.from(config);
            SparkEngine engine = SparkEngine.fromBlocks(sc, spec, data.blocks(), settings.depthFor(partitions));
            handedOver = true;
            try (engine) {
                engine.setTotalSteps(settings.steps());
                Training training = Training.of(config, engine);
                TrainingState state = training.initialState();
                training.fit(state);
                return modelFile(state, config);
            }
        } finally {
            if (!handedOver) {
                data.blocks().unpersist(false);
            }
        }
    }

    private static ModelFile modelFile(TrainingState state, GanConfig config) {
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        tensors.put("G", state.generator().values());
        tensors.put("D", state.discriminator().values());
        Checkpoints.putAverage(state, tensors);
        Checkpoints.requireFinite(tensors, state.iteration());
        return new ModelFile("model", state.iteration(), config.asMap(), tensors);
    }

    @Override
    public GanEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<GanEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static GanEstimator load(String path) {
        return read().load(path);
    }
}
