package sparkgan.math;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Bulk (de)serialization of float arrays for the objects Spark ships every step (weights out,
 * gradients back). Java serialization writes a float[] element by element; as bytes it is a block
 * copy, several times faster for the megabytes of a network. The bytes go through a small scratch
 * buffer of the calling thread, not a second array as large as the values: a sync moves several
 * megabytes each way, and a fresh array of that size per sync costs an allocation, its zeroing and
 * its page faults for one copy.
 */
public final class FloatArrays {
    /** Floats per chunk: 64 KiB of bytes, small enough to stay in the cache between the two copies. */
    static final int CHUNK = 16 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FloatArrays() {
    }

    /** Receives consecutive chunks of a float array as they are read. */
    public interface ChunkSink {
        /** {@code chunk[0, len)} are the values at {@code [at, at + len)} of the array. */
        void accept(float[] chunk, int at, int len);
    }

    /** Writes the length, then the values as little-endian bytes. */
    public static void write(ObjectOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        Scratch s = SCRATCH.get();
        for (int at = 0; at < values.length; at += CHUNK) {
            int len = Math.min(CHUNK, values.length - at);
            s.floats.clear();
            s.floats.put(values, at, len);
            out.write(s.bytes, 0, 4 * len);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static float[] read(ObjectInputStream in) throws IOException {
        float[] values = new float[readLength(in)];
        readChunks(in, values.length, (chunk, at, len) -> System.arraycopy(chunk, 0, values, at, len));
        return values;
    }

    /** The length {@link #write} wrote first, checked. */
    public static int readLength(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new java.io.InvalidObjectException("negative float array length " + n);
        }
        return n;
    }

    /** Reads the {@code n} values that follow the length, chunk by chunk, into {@code sink}. */
    public static void readChunks(ObjectInputStream in, int n, ChunkSink sink) throws IOException {
        Scratch s = SCRATCH.get();
        for (int at = 0; at < n; at += CHUNK) {
            int len = Math.min(CHUNK, n - at);
            in.readFully(s.bytes, 0, 4 * len);
            s.floats.clear();
            s.floats.get(s.chunk, 0, len);
            sink.accept(s.chunk, at, len);
        }
    }

    private static final class Scratch {
        final byte[] bytes = new byte[4 * CHUNK];
        final FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        final float[] chunk = new float[CHUNK];
    }
}
