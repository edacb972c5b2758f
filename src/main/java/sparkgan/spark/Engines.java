package sparkgan.spark;

import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.data.ImageSource;
import sparkgan.gan.GanSpec;
import sparkgan.train.GradientEngine;
import sparkgan.train.LocalEngine;
import sparkgan.train.TrainSettings;

/** Opens the engine a run asks for, with the partition count the settings give or the engine's default. */
public final class Engines {
    private Engines() {
    }

    /** Partitions for Spark: train.partitions, or the context's default parallelism. */
    public static int sparkPartitions(JavaSparkContext sc, TrainSettings settings) {
        return settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    }

    /** Partitions in-process: train.partitions, or one per core. */
    public static int localPartitions(TrainSettings settings) {
        return settings.partitions() > 0 ? settings.partitions() : Runtime.getRuntime().availableProcessors();
    }

    /** The data cached on Spark's executors as one block per partition; the engine knows how many steps are coming. */
    public static SparkEngine spark(JavaSparkContext sc, GanSpec spec, ImageSource data, TrainSettings settings) {
        int partitions = sparkPartitions(sc, settings);
        SparkEngine engine = data instanceof CachedBlocks cached
                ? SparkEngine.fromBlocks(sc, spec, cached.blocks(), settings.depthFor(partitions))
                : SparkEngine.load(sc, spec, data, partitions, settings.depthFor(partitions));
        engine.setTotalSteps(settings.steps());
        return engine;
    }

    /** The same computation in this JVM, the partitions spread over at most one thread per core. */
    public static GradientEngine local(GanSpec spec, ImageSource data, TrainSettings settings) {
        if (data instanceof CachedBlocks) {
            throw new sparkgan.BadInputException("--engine local: reads IDX files only; " + data.description()
                    + " is read by Spark (--engine spark)");
        }
        int partitions = localPartitions(settings);
        return LocalEngine.load(spec, data, partitions, Math.min(partitions, Runtime.getRuntime().availableProcessors()));
    }
}
