package sparkgan.train;

/**
 * Where the time of the synchronisations goes, accumulated over a run: the engine's whole call
 * (broadcast + job), the broadcast alone, the slowest task's wait for the broadcast weights, the
 * slowest partition's kernel, and the driver's update.
 * Everything of a sync that is not kernel is overhead: broadcast, task scheduling and launch,
 * serialization, result transfer and the exact merge.
 */
public final class StepProfile {
    private long syncs;
    private long engineNanos;
    private long broadcastNanos;
    private long fetchNanos;
    private long kernelMaxNanos;
    private long kernelTotalNanos;
    private long updateNanos;

    synchronized void addSync(long engine, long broadcast, long fetch, long kernelMax, long kernelTotal, long update) {
        syncs++;
        engineNanos += engine;
        broadcastNanos += broadcast;
        fetchNanos += fetch;
        kernelMaxNanos += kernelMax;
        kernelTotalNanos += kernelTotal;
        updateNanos += update;
    }

    public synchronized void reset() {
        syncs = 0;
        engineNanos = 0;
        broadcastNanos = 0;
        fetchNanos = 0;
        kernelMaxNanos = 0;
        kernelTotalNanos = 0;
        updateNanos = 0;
    }

    public synchronized long syncs() {
        return syncs;
    }

    /** Mean milliseconds per sync of: the engine call, the broadcast, the slowest kernel, the update. */
    public synchronized double engineMs() {
        return ms(engineNanos);
    }

    public synchronized double broadcastMs() {
        return ms(broadcastNanos);
    }

    /** The slowest task's wait for its broadcast weights, per sync. */
    public synchronized double fetchMs() {
        return ms(fetchNanos);
    }

    public synchronized double kernelMs() {
        return ms(kernelMaxNanos);
    }

    /** Kernel time summed over partitions (CPU time of the kernels), per sync. */
    public synchronized double kernelTotalMs() {
        return ms(kernelTotalNanos);
    }

    public synchronized double updateMs() {
        return ms(updateNanos);
    }

    /** Everything of a sync that is not the slowest kernel or the driver update. */
    public synchronized double overheadMs() {
        return ms(engineNanos - kernelMaxNanos);
    }

    private double ms(long nanos) {
        return syncs == 0 ? 0 : nanos / 1e6 / syncs;
    }
}
