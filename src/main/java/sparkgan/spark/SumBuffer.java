package sparkgan.spark;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import sparkgan.math.FixedPointSum;
import sparkgan.math.PartialSum;

/**
 * The treeAggregate accumulator. It starts empty, so the zero value that Spark serializes into every
 * task is a few bytes instead of a full-size gradient. Holding a single partition's result, it stays
 * a compact float partial (what travels from the executor, 4 bytes per parameter or 2 at bfloat16); it becomes exact
 * fixed point where it is deserialized or meets another, so the merge order cannot change the result.
 *
 * <p>The conversion happens while the partial is read: on the driver that is one of Spark's
 * result-getter threads, one per arriving result and in parallel, so the scheduler thread that
 * merges results only adds integers.
 */
public final class SumBuffer implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final byte EMPTY = 0;
    private static final byte PARTIAL = 1;
    private static final byte TOTAL = 2;

    private transient PartialSum single;
    private transient FixedPointSum total;
    /** The slowest task's wait for its broadcast weights (for the benchmark's breakdown; not part of the sum). */
    private transient long maxFetchNanos;

    /** Records how long a task waited for its broadcast weights. */
    public SumBuffer noteFetch(long nanos) {
        maxFetchNanos = Math.max(maxFetchNanos, nanos);
        return this;
    }

    public long maxFetchNanos() {
        return maxFetchNanos;
    }

    public SumBuffer add(PartialSum partial) {
        if (total != null) {
            total.add(partial);
        } else if (single != null) {
            total = FixedPointSum.of(single);
            total.add(partial);
            single = null;
        } else {
            single = partial;
        }
        return this;
    }

    /**
     * Adds {@code other} into this buffer and returns this one. {@code other} is consumed: its sum may be
     * taken over as it is (Spark never reads a merged buffer again), so it must not be used afterwards.
     */
    public SumBuffer merge(SumBuffer other) {
        noteFetch(other.maxFetchNanos);
        if (other.single != null) {
            return add(other.single);
        }
        if (other.total != null) {
            if (total == null && single == null) {
                // Spark hands a merged buffer over and never reads it again: take its sum as it is.
                total = other.total;
                other.total = null;
            } else {
                if (total == null) {
                    total = FixedPointSum.of(single);
                    single = null;
                }
                total.addAll(other.total);
            }
        }
        return this;
    }

    /** The exact total, or null if no partition contributed. */
    public FixedPointSum sum() {
        if (total == null && single != null) {
            total = FixedPointSum.of(single);
            single = null;
        }
        return total;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeLong(maxFetchNanos);
        if (single != null) {
            out.writeByte(PARTIAL);
            single.writeCompact(out);
        } else if (total != null) {
            out.writeByte(TOTAL);
            out.writeObject(total);
        } else {
            out.writeByte(EMPTY);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        maxFetchNanos = in.readLong();
        byte kind = in.readByte();
        switch (kind) {
            case EMPTY -> total = null;
            case PARTIAL -> total = PartialSum.readAsFixedPoint(in);
            case TOTAL -> total = (FixedPointSum) in.readObject();
            default -> throw new InvalidObjectException("unknown partial sum kind " + kind);
        }
    }
}
