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
        // The trainer prints its own progress; Spark's console bar would interleave with it.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // getOrCreate: inside a host that already runs a context (tests, notebooks) reuse it.
        return JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
    }
}
