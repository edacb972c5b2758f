package sparkgan.spark;

import java.io.Serializable;
import sparkgan.math.FixedPointSum;
import sparkgan.math.PartialSum;

/**
 * The treeAggregate accumulator. It starts empty, so the zero value that Spark serializes into every
 * task is a few bytes instead of a full-size gradient. Holding a single partition's result, it stays
 * a compact float partial (what travels from the executor); as soon as two meet, both are rounded
 * to exact fixed point and added, so the merge order cannot change the result.
 */
public final class SumBuffer implements Serializable {
    private static final long serialVersionUID = 1L;

    private PartialSum single;
    private FixedPointSum total;

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

    public SumBuffer merge(SumBuffer other) {
        if (other.single != null) {
            return add(other.single);
        }
        if (other.total != null) {
            if (total == null) {
                total = single == null ? new FixedPointSum(other.total.length()) : FixedPointSum.of(single);
                single = null;
            }
            total.addAll(other.total);
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
}
