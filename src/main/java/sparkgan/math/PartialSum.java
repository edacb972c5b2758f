package sparkgan.math;

/**
 * One partition's contribution to a step: its float32 gradient sum and its statistics, as computed.
 * It travels back to the driver in this compact form (4 bytes per parameter, written in bulk) and is
 * converted to exact fixed point only where it is added to another
 * ({@link FixedPointSum#add(PartialSum)}), so the result does not depend on the order of additions.
 */
public final class PartialSum extends BulkFloats {
    private static final long serialVersionUID = 3L;

    private final double[] stats;
    private final long computeNanos;

    public PartialSum(float[] values, double[] stats, long computeNanos) {
        super(values);
        this.stats = stats;
        this.computeNanos = computeNanos;
    }

    public double[] stats() {
        return stats;
    }

    /** Time the kernel took on the executor (for the benchmark's breakdown; not part of the sum). */
    public long computeNanos() {
        return computeNanos;
    }

    public int length() {
        return values().length + stats.length;
    }
}
