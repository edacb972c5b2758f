package sparkgan.math;

/**
 * An immutable copy of a network's parameters, as broadcast to the executors (bulk-serialized),
 * rounded to the precision the tasks compute with.
 */
public final class WeightsSnapshot extends BulkFloats {
    private static final long serialVersionUID = 3L;

    public WeightsSnapshot(float[] values, Precision precision) {
        super(values.clone(), precision);
    }
}
