package sparkgan.math;

/** An immutable copy of a network's parameters, as broadcast to the executors (bulk-serialized). */
public final class WeightsSnapshot extends BulkFloats {
    private static final long serialVersionUID = 2L;

    public WeightsSnapshot(float[] values) {
        super(values.clone());
    }
}
