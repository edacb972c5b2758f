package sparkgan.math;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A float array that serializes in bulk (4 bytes per value, one write) instead of element by element:
 * the form in which weights go out to the executors and gradients come back.
 */
public abstract class BulkFloats implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient float[] values;

    protected BulkFloats(float[] values) {
        this.values = values;
    }

    public float[] values() {
        return values;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        FloatArrays.write(out, values);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        values = FloatArrays.read(in);
    }
}
