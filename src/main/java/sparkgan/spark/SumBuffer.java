package sparkgan.spark;

import java.io.Serializable;
import sparkgan.math.FixedPointSum;

/**
 * The treeAggregate accumulator. It starts empty, so the zero value that Spark serializes into every
 * task is a few bytes instead of a full-size gradient; it adopts the first partial sum it meets and
 * adds the others exactly, so the merge order cannot change the result.
 */
public final class SumBuffer implements Serializable {
    private static final long serialVersionUID = 1L;

    private FixedPointSum sum;

    public SumBuffer add(FixedPointSum partial) {
        if (sum == null) {
            sum = partial;
        } else {
            sum.addAll(partial);
        }
        return this;
    }

    public SumBuffer merge(SumBuffer other) {
        return other.sum == null ? this : add(other.sum);
    }

    /** The total, or null if no partition contributed. */
    public FixedPointSum sum() {
        return sum;
    }
}
