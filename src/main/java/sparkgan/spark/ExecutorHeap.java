package sparkgan.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The heap each executor JVM holds after a full GC: what a soak watches for growth. Spark's own
 * executor metrics report the heap at the moment of a heartbeat, garbage included, which says little
 * about a leak; this runs one small job whose tasks collect and then read their JVM's heap.
 *
 * <p>The job has one task per executor core and is run while training waits between syncs, so
 * every core is free and the scheduler gives each executor its share of the tasks. An executor that
 * got none (still registering, or lost) is missing from the result.
 */
public final class ExecutorHeap {
    private ExecutorHeap() {
    }

    /** Executor id ({@code "driver"} in {@code local[N]}) to its heap in use after a full GC, in MB. */
    public static SortedMap<String, Double> afterGc(JavaSparkContext sc, int taskSlots) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < taskSlots; i++) {
            slots.add(i);
        }
        List<Tuple2<String, Double>> readings = sc.parallelize(slots, taskSlots).map(i -> {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return new Tuple2<>(SparkEnv.get().executorId(), (rt.totalMemory() - rt.freeMemory()) / 1e6);
        }).collect();
        SortedMap<String, Double> heap = new TreeMap<>();
        // Two tasks of one executor read the same heap a moment apart: keep the lower reading.
        for (Tuple2<String, Double> r : readings) {
            heap.merge(r._1(), r._2(), Math::min);
        }
        return heap;
    }
}
