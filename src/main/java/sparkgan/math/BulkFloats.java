package sparkgan.math;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A float array that serializes in bulk (4 bytes per value, or 2 when its values are bfloat16)
 * instead of element by element: the form in which weights go out to the executors and gradients
 * come back.
 */
public abstract class BulkFloats implements Serializable {
    private static final long serialVersionUID = 2L;

    private transient float[] values;
    /** What the values are rounded to, and so how they travel (written with them, not as a field). */
    private transient Precision precision;

    /** Takes the values, rounding them in place to the given precision (which changes nothing at float32). */
    protected BulkFloats(float[] values, Precision precision) {
        precision.round(values);
        this.values = values;
        this.precision = precision;
    }

    public float[] values() {
        return values;
    }

    public Precision precision() {
        return precision;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        FloatArrays.write(out, values, precision);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        FloatArrays.Header header = FloatArrays.readHeader(in);
        precision = header.precision();
        values = FloatArrays.readValues(in, header);
    }
}
