package sparkgan.math;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** An immutable copy of a network's parameters, as broadcast to the executors (bulk-serialized). */
public final class WeightsSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient float[] values;

    public WeightsSnapshot(float[] values) {
        this.values = values.clone();
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
