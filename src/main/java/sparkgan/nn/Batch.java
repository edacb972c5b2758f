package sparkgan.nn;

/**
 * The rows of one pass: {@code rows} rows in segments of {@code segment} consecutive rows that
 * layers computing batch statistics treat as separate batches (the D step's real half and fake half
 * are never normalised together).
 */
public record Batch(int rows, int segment) {
    public Batch {
        if (rows < 0 || segment <= 0 && rows > 0) {
            throw new IllegalArgumentException("a batch of " + rows + " rows in segments of " + segment);
        }
    }

    /** One segment of all the rows. */
    public static Batch of(int rows) {
        return new Batch(rows, Math.max(rows, 1));
    }
}
