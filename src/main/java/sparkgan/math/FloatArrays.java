package sparkgan.math;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk (de)serialization of float arrays for the objects Spark ships every step (weights out,
 * gradients back). Java serialization writes a float[] element by element; as one byte[] it is a
 * block copy, several times faster for the megabytes of a network.
 */
public final class FloatArrays {
    private FloatArrays() {
    }

    public static void write(ObjectOutputStream out, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        out.writeInt(values.length);
        out.write(buf.array());
    }

    public static float[] read(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        byte[] bytes = new byte[4 * n];
        in.readFully(bytes);
        float[] values = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
