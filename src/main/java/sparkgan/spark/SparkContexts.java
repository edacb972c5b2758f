package sparkgan.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Creates the Spark context: spark-submit's master when there is one, else the given or local[*]. */
public final class SparkContexts {
    private SparkContexts() {
    }

    public static JavaSparkContext create(String appName, String masterOption) {
        return create(appName, masterOption, java.util.Map.of());
    }

    /** As {@link #create(String, String)}, with more Spark settings (e.g. spark.cores.max for a standalone master). */
    public static JavaSparkContext create(String appName, String masterOption, java.util.Map<String, String> settings) {
        SparkConf conf = new SparkConf().setAppName(appName);
        settings.forEach(conf::set);
        if (masterOption != null) {
            conf.setMaster(masterOption);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // Outside spark-submit (submit/local.sh --master spark://... or local-cluster), ship our own jar
        // to the executors; spark-submit sets spark.jars itself.
        if (!conf.contains("spark.jars")) {
            String[] jars = JavaSparkContext.jarOfClass(SparkContexts.class);
            if (jars.length > 0) {
                conf.setJars(jars);
            }
        }
        // Under Kryo, our weight and gradient carriers keep their bulk Java serialization.
        installKryoRegistrator(conf);
        // The trainer prints its own progress; Spark's console bar would interleave with it.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Measured in docs/BENCHMARKS.md: weights are random floats, compressing them costs time and
        // saves nothing; gradient results (4 bytes per parameter, 2 at bfloat16) go back directly, not
        // through the block manager.
        conf.setIfMissing("spark.broadcast.compress", "false");
        // An Adler-32 checksum of every broadcast piece took a third of the driver's broadcast time
        // (docs/BENCHMARKS.md); the pieces stay in this JVM or cross TCP, whose own checksum is weaker:
        // a corrupted piece going unnoticed is the risk accepted for it.
        conf.setIfMissing("spark.broadcast.checksum", "false");
        conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
        // getOrCreate: inside a host that already runs a context (tests, notebooks) reuse it.
        return JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
    }

    private static void installKryoRegistrator(SparkConf conf) {
        if (conf.get("spark.serializer", "").contains("Kryo")) {
            String registrators = conf.get("spark.kryo.registrator", "");
            if (!registrators.contains(GanKryoRegistrator.class.getName())) {
                conf.set("spark.kryo.registrator", registrators.isEmpty() ? GanKryoRegistrator.class.getName()
                        : registrators + "," + GanKryoRegistrator.class.getName());
            }
        }
    }

    /** What {@link #keepJobLabels} returns: closing it cannot fail. */
    public interface JobLabels extends AutoCloseable {
        @Override
        void close();
    }

    /** The thread's job group and description, put back on close: a library call leaves the caller's labels as they were. */
    public static JobLabels keepJobLabels(JavaSparkContext sc) {
        String[] keys = {"spark.jobGroup.id", "spark.job.description", "spark.job.interruptOnCancel"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = sc.getLocalProperty(keys[i]);
        }
        return () -> {
            for (int i = 0; i < keys.length; i++) {
                sc.setLocalProperty(keys[i], before[i]);
            }
        };
    }

    /**
     * A context made elsewhere (a user's application calling the Spark ML API) that runs Kryo must
     * have the registrator: without it Kryo would drop the weights and gradients of every task.
     */
    public static void requireKryoRegistrator(SparkConf conf) {
        if (conf.get("spark.serializer", "").contains("Kryo")
                && !conf.get("spark.kryo.registrator", "").contains(GanKryoRegistrator.class.getName())) {
            throw new sparkgan.BadInputException("spark.serializer = " + conf.get("spark.serializer")
                    + ": add spark.kryo.registrator=" + GanKryoRegistrator.class.getName()
                    + " to the application's configuration (weights and gradients keep their own serialization)");
        }
    }
}
