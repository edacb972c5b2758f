package sparkgan.spark;

import org.apache.spark.api.java.JavaRDD;
import sparkgan.data.ImageBlock;

/**
 * Data already read into cached blocks by Spark jobs (a Spark data source's rows, regrouped into the
 * training partitions), rather than read by each executor from files: the Spark engine trains on the
 * blocks as they are, the in-process engine cannot.
 */
public interface CachedBlocks {
    JavaRDD<ImageBlock> blocks();
}
