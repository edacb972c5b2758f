package sparkgan.math;

/**
 * The precision of what a synchronisation moves: the weights the tasks compute with and each
 * partition's gradient sum. The driver's weights and optimizer state stay float32 either way.
 *
 * <p>{@link #BFLOAT16} keeps a float's 8 exponent bits and its 7 highest mantissa bits (rounded to
 * nearest, ties to even): the float's range at 2-3 significant digits, shipped in 2 bytes per value
 * instead of 4, as the compression hooks of PyTorch's DistributedDataParallel do for gradients. The
 * rounding is arithmetic every engine applies in the same place, so a run stays bit-identical across
 * engines for a given precision and partitioning; it does change the numbers against float32.
 */
public enum Precision {
    FLOAT32("float32", 4, 0),
    BFLOAT16("bfloat16", 2, 1);

    private final String key;
    private final int bytes;
    private final int code;

    Precision(String key, int bytes, int code) {
        this.key = key;
        this.bytes = bytes;
        this.code = code;
    }

    /** The code that names this precision on the wire (fixed, whatever the order of the constants). */
    public int code() {
        return code;
    }

    /** The precision a wire code names, or null for an unknown code. */
    public static Precision ofCode(int code) {
        for (Precision p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }

    /** The configuration's name of this precision. */
    public String key() {
        return key;
    }

    /** Bytes per value on the wire. */
    public int bytesPerValue() {
        return bytes;
    }

    /** Rounds every value to this precision, in place. */
    public void round(float[] values) {
        if (this == BFLOAT16) {
            for (int i = 0; i < values.length; i++) {
                values[i] = toBfloat16(values[i]);
            }
        }
    }

    /** A copy of the values rounded to this precision. */
    public float[] rounded(float[] values) {
        float[] copy = values.clone();
        round(copy);
        return copy;
    }

    /**
     * The nearest bfloat16, ties to even, as a float (its low 16 bits zero). Values beyond the largest
     * bfloat16 round to infinity as in IEEE arithmetic; a NaN stays a (quiet) NaN of its sign.
     */
    public static float toBfloat16(float x) {
        int bits = Float.floatToRawIntBits(x);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return Float.intBitsToFloat((bits | 0x00400000) & 0xffff0000);
        }
        int roundingBias = 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat((bits + roundingBias) & 0xffff0000);
    }
}
