package sparkgan.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;

/**
 * The Spark ML Params that {@link GanEstimator} and {@link GanModel} share (as MLlib's
 * MultilayerPerceptronParams is shared by its estimator and model): the columns, the image shape, the
 * preset, Spark ML's usual maxIter, seed and numPartitions, and one string Param for every
 * configuration key that shapes training, named as the key ({@code train.batch}, {@code d.lr}) and
 * documented and checked by its declaration in {@link GanParams}. Keys of the command line's run
 * directory and data location (out.*, eval.*, data.*) are not Params: a DataFrame is the data and the
 * model is the output. A key left unset takes the preset's value.
 */
final class StageParams implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Keys a named Param of their own stands for. */
    private static final Set<String> SPARK_NAMED = Set.of(GanParams.TRAIN_STEPS.name(), GanParams.TRAIN_SEED.name(),
            GanParams.TRAIN_PARTITIONS.name(), GanParams.IMAGE_SHAPE.name());

    final Param<String> featuresCol;
    final Param<String> labelCol;
    final Param<String> outputCol;
    final Param<String> imageShape;
    final Param<String> pixelScale;
    final Param<String> background;
    final Param<String> preset;
    final IntParam maxIter;
    final LongParam seed;
    final IntParam numPartitions;
    /** The configuration keys' Params, by key. */
    final Map<String, Param<String>> keys = new LinkedHashMap<>();
    private final List<Param<?>> all = new ArrayList<>();

    StageParams(Params owner) {
        String uid = owner.uid();
        featuresCol = add(new Param<>(uid, "featuresCol", "the images: a Vector (dense or sparse), array<float>, "
                + "array<double>, or the image struct of Spark's image data source (height, width, nChannels, BGR bytes)",
                valid(StageParams::nonBlank), String.class));
        labelCol = add(new Param<>(uid, "labelCol", "unset: an unconditional GAN; set: a conditional one (cgan), "
                + "the column's integer labels 0..K-1 the classes", valid(StageParams::nonBlank), String.class));
        outputCol = add(new Param<>(uid, "outputCol", "the generated image of each row (a Vector in the input's pixel scale)",
                valid(StageParams::nonBlank), String.class));
        imageShape = add(new Param<>(uid, "imageShape", "channels,height,width of the images; unset: the image struct's "
                + "own, else a square single-channel image when the width is a square, else a flat vector",
                valid(text -> sparkgan.data.ImageShape.parse(text, "imageShape")), String.class));
        pixelScale = add(new Param<>(uid, "pixelScale", "the input's pixel range, 0-1 or 0-255 (the image data "
                + "source is always 0-255); generated images come back in it", valid(PixelScale::parse), String.class));
        background = add(new Param<>(uid, "background", "what the image struct's BGRA pixels are composited over "
                + "(alpha x colour + (1 - alpha) x background): white, black or R,G,B (each 0-255), as config key data.background",
                valid(text -> sparkgan.data.Background.parse(text, "background")), String.class));
        preset = add(new Param<>(uid, "preset", "the configuration the keys below start from (conf/presets/NAME.properties)",
                valid(name -> GanConfig.defaults().withPreset(name)), String.class));
        maxIter = add(new IntParam(uid, "maxIter", "alternating iterations (config key train.steps); unset: the preset's",
                new AbstractFunction1Serializable<Object>(v -> (Integer) v >= 1)));
        seed = add(new LongParam(uid, "seed", "seed of every random stream (config key train.seed); unset: the preset's",
                new AbstractFunction1Serializable<Object>(v -> true)));
        numPartitions = add(new IntParam(uid, "numPartitions", "data partitions, one cached block each "
                + "(config key train.partitions); unset: Spark's default parallelism",
                new AbstractFunction1Serializable<Object>(v -> (Integer) v >= 1)));
        for (sparkgan.config.Param<?> key : trainingKeys()) {
            String name = key.name();
            keys.put(name, add(new Param<>(uid, name, docOf(key) + " (config key; default "
                    + (key.defaultValue().isEmpty() ? "empty" : key.defaultValue()) + " unless the preset sets it)",
                    valid(text -> GanParams.byName(name).parse(text)), String.class)));
        }
        owner.setDefault(featuresCol, "features");
        owner.setDefault(outputCol, "generated");
        owner.setDefault(pixelScale, PixelScale.UNIT.text());
        owner.setDefault(background, GanParams.DATA_BACKGROUND.defaultValue());
        owner.setDefault(preset, "mlp");
    }

    private <P extends Param<?>> P add(P param) {
        all.add(param);
        return param;
    }

    Param<?>[] all() {
        return all.toArray(new Param<?>[0]);
    }

    /** Every key that shapes training and has no named Param: networks, the game, optimisers, the run. */
    static List<sparkgan.config.Param<?>> trainingKeys() {
        List<sparkgan.config.Param<?>> out = new ArrayList<>();
        for (sparkgan.config.Param<?> p : GanParams.all()) {
            String name = p.name();
            boolean runOutput = name.startsWith("out.") || name.startsWith("eval.") || name.startsWith("data.");
            if (!runOutput && !SPARK_NAMED.contains(name)) {
                out.add(p);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A key's documentation on one line; keys that share the doc of the key above them say so. */
    private static String docOf(sparkgan.config.Param<?> key) {
        String doc = key.doc();
        if (doc.isBlank()) {
            List<sparkgan.config.Param<?>> all = GanParams.all();
            for (int i = all.indexOf(key) - 1; i >= 0 && doc.isBlank(); i--) {
                doc = all.get(i).doc().isBlank() ? "" : "as " + all.get(i).name() + ": " + all.get(i).doc();
            }
        }
        return doc.replaceAll("\\s+", " ").trim();
    }

    /** The configuration the stage's Params describe: the preset, then every key and named Param that is set. */
    GanConfig config(Params owner) {
        GanConfig config = GanConfig.defaults().withPreset(owner.getOrDefault(preset));
        for (Map.Entry<String, Param<String>> e : keys.entrySet()) {
            if (owner.isSet(e.getValue())) {
                config = config.with(e.getKey(), owner.getOrDefault(e.getValue()));
            }
        }
        if (owner.isSet(maxIter)) {
            config = config.with(GanParams.TRAIN_STEPS.name(), owner.getOrDefault(maxIter).toString());
        }
        if (owner.isSet(seed)) {
            config = config.with(GanParams.TRAIN_SEED.name(), owner.getOrDefault(seed).toString());
        }
        return config;
    }

    /** The key's Param, or a clear error naming the key. */
    Param<String> key(String name) {
        Param<String> p = keys.get(name);
        if (p == null) {
            String why = SPARK_NAMED.contains(name) ? "it is set with maxIter, seed, numPartitions or imageShape"
                    : GanParams.byName(name) != null ? "it belongs to the command line's run directory or data location"
                    : "no such key (every key is listed in conf/gan.properties)";
            throw new BadInputException("config key '" + name + "': not a GanEstimator Param: " + why);
        }
        return p;
    }

    /** A validity check from a parser that throws on a bad value: Spark ML calls it on every set. */
    private static AbstractFunction1Serializable<String> valid(SerializableCheck parser) {
        return new AbstractFunction1Serializable<>(text -> {
            try {
                parser.accept(text);
                return true;
            } catch (BadInputException e) {
                return false;
            }
        });
    }

    /** A Scala function for Param's isValid that Spark can serialize with its stage. */
    static final class AbstractFunction1Serializable<T> extends AbstractFunction1<T, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final SerializablePredicate<T> test;

        AbstractFunction1Serializable(SerializablePredicate<T> test) {
            this.test = test;
        }

        @Override
        public Object apply(T value) {
            return value != null && test.test(value);
        }
    }

    /** Throws a {@link BadInputException} for a value it refuses. */
    @FunctionalInterface
    interface SerializableCheck extends Serializable {
        void accept(String text);
    }

    private static void nonBlank(String text) {
        if (text.isBlank()) {
            throw new BadInputException("expected a column name");
        }
    }

    /** A predicate that travels with the Param. */
    @FunctionalInterface
    interface SerializablePredicate<T> extends java.util.function.Predicate<T>, Serializable {
    }
}
