package sparkgan.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Creates the Spark context: spark-submit's master when there is one, else the given or local[*]. */
public final class SparkContexts {
    private SparkContexts() {
    }

    public static JavaSparkContext create(String appName, String masterOption) {
        SparkConf conf = new SparkConf().setAppName(appName);
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
        if (conf.get("spark.serializer", "").contains("Kryo")) {
            String registrators = conf.get("spark.kryo.registrator", "");
            if (!registrators.contains(GanKryoRegistrator.class.getName())) {
                conf.set("spark.kryo.registrator", registrators.isEmpty() ? GanKryoRegistrator.class.getName()
                        : registrators + "," + GanKryoRegistrator.class.getName());
            }
        }
        // The trainer prints its own progress; Spark's console bar would interleave with it.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Measured in docs/BENCHMARKS.md: weights are random floats, compressing them costs time and
        // saves nothing; gradient results (4 bytes per parameter) go back directly, not through the
        // block manager.
        conf.setIfMissing("spark.broadcast.compress", "false");
        conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
        // getOrCreate: inside a host that already runs a context (tests, notebooks) reuse it.
        return JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
    }
}
