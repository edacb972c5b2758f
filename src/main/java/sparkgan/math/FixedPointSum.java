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

    /** values[at + i] += fixed(src[srcOff + i]) for i in [0, len); unrepresentable terms are counted instead. */
    public void add(float[] src, int srcOff, int at, int len) {
        for (int i = 0; i < len; i++) {
            add(at + i, src[srcOff + i]);
        }
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
        double[] s = partial.stats();
        for (int i = 0; i < s.length; i++) {
            add(v.length + i, s[i]);
        }
        maxComputeNanos = Math.max(maxComputeNanos, partial.computeNanos());
        totalComputeNanos += partial.computeNanos();
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
        for (int i = 0; i < values.length; i++) {
            values[i] += o[i];
        }
    }

    public double get(int i) {
        return toDouble(values[i]);
    }

    /** dst[dstOff + i] = values[at + i] * factor, rounded to float. */
    public void scaledTo(int at, int len, double factor, float[] dst, int dstOff) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = (float) (toDouble(values[at + i]) * factor);
        }
    }

    public long raw(int i) {
        return values[i];
    }
}
