package sparkgan.math;

import java.io.Serializable;

/**
 * A vector sum that is exact and therefore independent of the order of its terms.
 *
 * <p>Float addition is not associative: Spark merges task results in the order they arrive, so a
 * float sum would differ in its last bits from run to run. Each partition's float partial sum is
 * rounded once to a 64-bit fixed-point number with 36 fractional bits (resolution 1.5e-11, range
 * +-1.3e8); integer addition is exact, so any merge order gives the same bits. Values outside the
 * range, and NaN or infinity, mean training diverged: they are counted, not summed, and travel back
 * to the driver with the sum ({@link #unrepresentable()}), which stops training with the step named
 * instead of failing a Spark task.
 */
public final class FixedPointSum implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int FRACTION_BITS = 36;
    private static final double SCALE = (double) (1L << FRACTION_BITS);
    private static final double LIMIT = (double) Long.MAX_VALUE / 4;
    /** The bits of 2^25 = LIMIT / SCALE: a float of smaller magnitude converts within the range. */
    private static final int LIMIT_BITS = Float.floatToRawIntBits(0x1p25f);
    /** Values checked together before a branch-free conversion (8 KiB of floats: they stay in the L1 cache). */
    private static final int RUN = 2048;

    private final long[] values;
    /** Kernel time of the partials added: the slowest one and the total (not part of the sum). */
    private long maxComputeNanos;
    private long totalComputeNanos;
    /** Terms that were NaN, infinite or beyond the range, left out of the sum. */
    private long unrepresentable;

    public FixedPointSum(int length) {
        values = new long[length];
    }

    public int length() {
        return values.length;
    }

    public static long toFixed(double x) {
        double scaled = x * SCALE;
        if (!(Math.abs(scaled) < LIMIT)) {
            throw new ArithmeticException("value " + x + " cannot be summed exactly (training diverged?)");
        }
        // rint: round half to even, a single instruction; any fixed rule gives order-independence.
        return (long) Math.rint(scaled);
    }

    public static double toDouble(long fixed) {
        return fixed / SCALE;
    }

    /**
     * values[at + i] += fixed(src[srcOff + i]) for i in [0, len); unrepresentable terms are counted instead.
     * Runs of {@link #RUN} values are checked first (one maximum, which NaN fails) and then converted
     * in a loop without a branch: the same bits as term by term, about twice as fast for the
     * megabytes of a gradient.
     */
    public void add(float[] src, int srcOff, int at, int len) {
        for (int from = 0; from < len; from += RUN) {
            int n = Math.min(RUN, len - from);
            int s = srcOff + from;
            int d = at + from;
            if (representable(src, s, n)) {
                for (int i = 0; i < n; i++) {
                    values[d + i] += (long) Math.rint(src[s + i] * SCALE);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    add(d + i, src[s + i]);
                }
            }
        }
    }

    /**
     * Whether every value of the run lies within the range: |x| < 2^25, where x 2^36 reaches the limit.
     * Compared as the bits of |x| (ordered as the magnitudes are; NaN and infinities above every
     * finite value), an integer maximum that the compiler vectorizes, where a float maximum must
     * handle NaN element by element.
     */
    private static boolean representable(float[] src, int off, int n) {
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Float.floatToRawIntBits(src[off + i]) & 0x7fffffff);
        }
        return max < LIMIT_BITS;
    }

    public void add(int at, double x) {
        double scaled = x * SCALE;
        if (Math.abs(scaled) < LIMIT) {
            values[at] += (long) Math.rint(scaled);
        } else {
            unrepresentable++;
        }
    }

    /** How many added terms were NaN, infinite or out of range (0 while training is sound). */
    public long unrepresentable() {
        return unrepresentable;
    }

    /** Adds a partition's partial sum: its gradient then its statistics, each rounded once. */
    public void add(PartialSum partial) {
        if (partial.length() != values.length) {
            throw new IllegalArgumentException("length " + partial.length() + " != " + values.length);
        }
        float[] v = partial.values();
        add(v, 0, 0, v.length);
        addStats(v.length, partial.stats());
        countCompute(partial.computeNanos());
    }

    /** Adds a partial's statistics at {@code at} (after its gradient values), each rounded once. */
    void addStats(int at, double[] stats) {
        for (int i = 0; i < stats.length; i++) {
            add(at + i, stats[i]);
        }
    }

    /** Records a partial's kernel time (not part of the sum). */
    void countCompute(long computeNanos) {
        maxComputeNanos = Math.max(maxComputeNanos, computeNanos);
        totalComputeNanos += computeNanos;
    }

    public static FixedPointSum of(PartialSum partial) {
        FixedPointSum s = new FixedPointSum(partial.length());
        s.add(partial);
        return s;
    }

    public long maxComputeNanos() {
        return maxComputeNanos;
    }

    public long totalComputeNanos() {
        return totalComputeNanos;
    }

    public void addAll(FixedPointSum other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("length " + other.values.length + " != " + values.length);
        }
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        totalComputeNanos += other.totalComputeNanos;
        unrepresentable += other.unrepresentable;
        long[] o = other.values;
        // Sequential: Spark merges on its scheduler thread and in executor tasks, where another thread
        // pool would compete with running tasks; the pass is about a millisecond.
        for (int i = 0; i < values.length; i++) {
            values[i] += o[i];
        }
    }

    public double get(int i) {
        return toDouble(values[i]);
    }

    /** dst[dstOff + i] = values[at + i] * factor, rounded to float. */
    public void scaledTo(int at, int len, double factor, float[] dst, int dstOff) {
        // fixed / 2^36 * factor in one multiplication: scaling by a power of two is exact, so the
        // product is the same real number and rounds to the same float.
        double k = factor / SCALE;
        ParallelRanges.forEach(len, (from, to) -> {
            for (int i = from; i < to; i++) {
                dst[dstOff + i] = (float) (values[at + i] * k);
            }
        });
    }

    public long raw(int i) {
        return values[i];
    }
}
