package sparkgan.math;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * One partition's contribution to a step: its gradient sum (float32, or rounded to bfloat16 when the
 * step's transfer precision says so) and its statistics, as computed. It travels back to the driver in
 * this compact form (4 or 2 bytes per parameter, written in bulk) and becomes exact fixed point where
 * it is read ({@link #readAsFixedPoint}) or added ({@link FixedPointSum#add(PartialSum)}), so the
 * result does not depend on the order of additions.
 */
public final class PartialSum extends BulkFloats {
    private static final long serialVersionUID = 3L;

    private final double[] stats;
    private final long computeNanos;

    public PartialSum(float[] values, double[] stats, long computeNanos) {
        this(values, stats, computeNanos, Precision.FLOAT32);
    }

    /** A partial whose values are rounded, in place, to {@code precision} (and travel in it). */
    public PartialSum(float[] values, double[] stats, long computeNanos, Precision precision) {
        super(values, precision);
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

    /**
     * Writes this partial in the form a task result travels in: statistics and kernel time, then the
     * gradient's values in bulk (in their precision). {@link #readAsFixedPoint} reads it back.
     */
    public void writeCompact(ObjectOutputStream out) throws IOException {
        out.writeInt(stats.length);
        for (double s : stats) {
            out.writeDouble(s);
        }
        out.writeLong(computeNanos);
        FloatArrays.write(out, values(), precision());
    }

    /**
     * Reads a partial written by {@link #writeCompact} straight into exact fixed point, chunk by chunk
     * as the bytes arrive: the conversion every partial needs happens once, in the thread that
     * deserializes it (on the driver, Spark's result-getter threads, in parallel for parallel results),
     * and no float copy of the gradient is kept.
     */
    public static FixedPointSum readAsFixedPoint(ObjectInputStream in) throws IOException {
        int statCount = in.readInt();
        if (statCount < 0) {
            throw new InvalidObjectException("negative statistics count " + statCount);
        }
        double[] stats = new double[statCount];
        for (int i = 0; i < statCount; i++) {
            stats[i] = in.readDouble();
        }
        long nanos = in.readLong();
        FloatArrays.Header values = FloatArrays.readHeader(in);
        int n = values.length();
        FixedPointSum sum = new FixedPointSum(n + statCount);
        FloatArrays.readChunks(in, values, (chunk, at, len) -> sum.add(chunk, 0, at, len));
        sum.addStats(n, stats);
        sum.countCompute(nanos);
        return sum;
    }
}
