package sparkgan.math;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Bulk (de)serialization of float arrays for the objects Spark ships every step (weights out,
 * gradients back). Java serialization writes a float[] element by element; as bytes it is a block
 * copy, several times faster for the megabytes of a network. Values already rounded to bfloat16
 * ({@link Precision}) travel as their 2 high bytes. The bytes go through a small scratch buffer of the
 * calling thread, not a second array as large as the values: a sync moves several megabytes each way,
 * and a fresh array of that size per sync costs an allocation, its zeroing and its page faults for one
 * copy.
 */
public final class FloatArrays {
    /** Values per chunk: 64 KiB of float bytes, small enough to stay in the cache between the two copies. */
    static final int CHUNK = 16 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FloatArrays() {
    }

    /**
     * Receives consecutive chunks of a float array as they are read. The chunk is the thread's scratch
     * array: a sink must not read another array through this class before it returns.
     */
    public interface ChunkSink {
        /** {@code chunk[0, len)} are the values at {@code [at, at + len)} of the array. */
        void accept(float[] chunk, int at, int len);
    }

    /**
     * Writes the precision and the length, then the values as little-endian bytes: 4 per value, or for
     * {@link Precision#BFLOAT16} the 2 high bytes of values that are already bfloat16 (their low bytes
     * are zero, so nothing is lost; {@link BulkFloats} rounds its values when it is made).
     */
    public static void write(ObjectOutputStream out, float[] values, Precision precision) throws IOException {
        out.writeByte(precision.code());
        out.writeInt(values.length);
        Scratch s = SCRATCH.get();
        for (int at = 0; at < values.length; at += CHUNK) {
            int len = Math.min(CHUNK, values.length - at);
            if (precision == Precision.BFLOAT16) {
                s.shorts.clear();
                for (int i = 0; i < len; i++) {
                    s.shorts.put((short) (Float.floatToRawIntBits(values[at + i]) >>> 16));
                }
            } else {
                s.floats.clear();
                s.floats.put(values, at, len);
            }
            out.write(s.bytes, 0, precision.bytesPerValue() * len);
        }
    }

    /** Reads what {@link #write} wrote, as floats. */
    public static float[] read(ObjectInputStream in) throws IOException {
        return readValues(in, readHeader(in));
    }

    /** Reads the values that follow a header read by {@link #readHeader}, as floats. */
    public static float[] readValues(ObjectInputStream in, Header h) throws IOException {
        float[] values = new float[h.length()];
        readChunks(in, h, (chunk, at, len) -> System.arraycopy(chunk, 0, values, at, len));
        return values;
    }

    /** What precedes the values: their precision on the wire and their count. */
    public record Header(Precision precision, int length) {
    }

    /** Reads the precision and length {@link #write} wrote first, checked. */
    public static Header readHeader(ObjectInputStream in) throws IOException {
        int code = in.readByte();
        Precision precision = Precision.ofCode(code);
        if (precision == null) {
            throw new InvalidObjectException("unknown float precision code " + code);
        }
        int n = in.readInt();
        if (n < 0) {
            throw new InvalidObjectException("negative float array length " + n);
        }
        return new Header(precision, n);
    }

    /** Reads the values that follow the header, chunk by chunk, into {@code sink}. */
    public static void readChunks(ObjectInputStream in, Header h, ChunkSink sink) throws IOException {
        Scratch s = SCRATCH.get();
        int width = h.precision().bytesPerValue();
        for (int at = 0; at < h.length(); at += CHUNK) {
            int len = Math.min(CHUNK, h.length() - at);
            in.readFully(s.bytes, 0, width * len);
            if (h.precision() == Precision.BFLOAT16) {
                s.shorts.clear();
                for (int i = 0; i < len; i++) {
                    s.chunk[i] = Float.intBitsToFloat(s.shorts.get() << 16);
                }
            } else {
                s.floats.clear();
                s.floats.get(s.chunk, 0, len);
            }
            sink.accept(s.chunk, at, len);
        }
    }

    private static final class Scratch {
        final byte[] bytes = new byte[4 * CHUNK];
        final FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        final ShortBuffer shorts = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        final float[] chunk = new float[CHUNK];
    }
}
