package sparkgan.nn;

/**
 * A module's range in a flat parameter (or gradient) vector: the array and where the range starts.
 * Networks keep all their parameters in one array so that it broadcasts, aggregates and checkpoints
 * as one block; each module sees only its slice.
 */
public record ParamSlice(float[] array, int offset) {
    /** The slice {@code delta} floats further into the same array. */
    public ParamSlice shift(int delta) {
        return new ParamSlice(array, offset + delta);
    }

    /** The element {@code i} of the slice. */
    public float get(int i) {
        return array[offset + i];
    }

    /**
     * Fills the slice's first {@code count} values uniformly in +-sqrt(6 / (fanIn + fanOut)) (Glorot),
     * drawn in order from {@code rng}.
     */
    public void fillGlorot(int count, int fanIn, int fanOut, java.util.random.RandomGenerator rng) {
        double r = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = offset; i < offset + count; i++) {
            array[i] = (float) ((rng.nextDouble() * 2 - 1) * r);
        }
    }

    /** Adds {@code value} to element {@code i} of the slice. */
    public void add(int i, float value) {
        array[offset + i] += value;
    }
}
