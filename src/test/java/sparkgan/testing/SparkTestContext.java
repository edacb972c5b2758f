package sparkgan.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One real local[2] SparkContext shared by the test classes of a JVM (Spark allows one per JVM);
 * stopped when the JVM exits.
 */
public final class SparkTestContext {
    private static JavaSparkContext sc;

    private SparkTestContext() {
    }

    public static synchronized JavaSparkContext get() {
        if (sc == null || sc.sc().isStopped()) {
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("spark-gan tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            sc = JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
            JavaSparkContext current = sc;
            Runtime.getRuntime().addShutdownHook(new Thread(current::stop));
        }
        return sc;
    }

    /** A SparkSession over the shared context, for the DataFrame tests. */
    public static org.apache.spark.sql.SparkSession session() {
        return org.apache.spark.sql.SparkSession.builder().config(get().getConf()).getOrCreate();
    }
}
