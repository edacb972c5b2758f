package sparkgan.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The time of one synchronous step on a cluster, as docs/SCALING.md derives it: the kernel spread
 * over the executors, a fixed cost per Spark job, Spark's torrent broadcast of the weights that
 * changed, and its {@code treeAggregate} of the partial gradients. Arithmetic only (no Spark): it
 * predicts what this machine cannot measure, from constants measured on it.
 *
 * @param fixedMs per-sync cost that does not grow with the payload: scheduling, launch, merge, update
 * @param intakeMsPerMb CPU cost of taking in one partial, per MB: its serialization, deserialization
 *     and fixed-point conversion
 */
public record SyncCostModel(double fixedMs, double intakeMsPerMb) {
    /**
     * The constants of docs/SCALING.md: F = 20 ms, the floor of a sync with a negligible payload
     * (the {@code seed} preset in {@code local[2]}); c = 3.8 ms per MB, the slowest task's result
     * transfer for one 5.9 MB partial in {@code local[2]} (22-23 ms), counted as serial at the driver.
     */
    public static final SyncCostModel MEASURED = new SyncCostModel(20.0, 3.8);

    /** What one sync moves: the weights broadcast (those that changed since the last one) and one partial, in MB. */
    public record Payload(double broadcastMb, double partialMb) {
    }

    /**
     * Partials one receiver takes in at each level of {@code treeAggregate}, the driver's last, by
     * Spark's rule (RDD.treeAggregate): scale = max(ceil(P^(1/depth)), 2); while n > scale +
     * ceil(n / scale) a shuffle level cuts n to n / scale reducers, reducer i % n taking partition i.
     */
    public static List<Integer> aggregationLevels(int partitions, int depth) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        List<Integer> levels = new ArrayList<>();
        int n = partitions;
        while (n > scale + (int) Math.ceil((double) n / scale)) {
            int reducers = n / scale;
            levels.add((int) Math.ceil((double) n / reducers));
            n = reducers;
        }
        levels.add(n);
        return levels;
    }

    /** Rounds of a torrent broadcast to E executors: the copies that can serve double every round. */
    static int broadcastRounds(int executors) {
        return 32 - Integer.numberOfLeadingZeros(executors);  // ceil(log2(E + 1))
    }

    /**
     * Milliseconds of one sync with one single-core executor per partition.
     *
     * @param kernelMs the single-core kernel time of the whole global batch
     * @param gbitPerSecond the driver's and every executor's network link
     */
    public double syncMs(double kernelMs, int executors, int depth, Payload payload, double gbitPerSecond) {
        double mbPerMs = gbitPerSecond * 0.125;
        double broadcast = payload.broadcastMb() / mbPerMs * broadcastRounds(executors);
        double perPartial = payload.partialMb() / mbPerMs + intakeMsPerMb * payload.partialMb();
        double aggregate = 0;
        for (int n : aggregationLevels(executors, depth)) {
            aggregate += n * perPartial;  // the receivers of one level work in parallel
        }
        return kernelMs / executors + fixedMs + broadcast + aggregate;
    }
}
