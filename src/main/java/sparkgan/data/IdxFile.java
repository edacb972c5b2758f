package sparkgan.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import sparkgan.BadInputException;

/**
 * An IDX file of unsigned bytes (LeCun's MNIST format): a big-endian magic 0x0000080N where N is the
 * number of dimensions, N big-endian sizes, then the bytes. 2051 (0x803) holds images
 * [count x rows x cols], 2049 (0x801) labels [count].
 *
 * <p>{@link #inspect} reads the whole file once and checks that the header and the bytes agree, so
 * that a truncated or padded file is reported before any Spark job starts.
 */
public final class IdxFile {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private final StreamSource source;
    private final int magic;
    private final int count;
    private final int rows;
    private final int cols;

    private IdxFile(StreamSource source, int magic, int count, int rows, int cols) {
        this.source = source;
        this.magic = magic;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
    }

    public StreamSource source() {
        return source;
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Bytes per record: rows*cols for images, 1 for labels. */
    public int recordBytes() {
        return magic == IMAGES_MAGIC ? rows * cols : 1;
    }

    public int headerBytes() {
        return magic == IMAGES_MAGIC ? 16 : 8;
    }

    /** A file already checked by {@link #inspect} (on the driver), reopened on an executor. */
    static IdxFile validated(StreamSource source, int magic, int count, int rows, int cols) {
        return new IdxFile(source, magic, count, rows, cols);
    }

    /** Reads and validates the whole file, expecting the given magic. */
    public static IdxFile inspect(StreamSource source, int expectedMagic) {
        String what = expectedMagic == IMAGES_MAGIC ? "IDX images (magic 0x00000803)" : "IDX labels (magic 0x00000801)";
        try (InputStream raw = source.open()) {
            DataInputStream in = new DataInputStream(raw);
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new BadInputException(source.name() + ": file is empty or shorter than an IDX header, expected " + what);
            }
            if (magic != expectedMagic) {
                throw new BadInputException(String.format("%s: wrong magic number 0x%08x, expected %s",
                        source.name(), magic, what));
            }
            int count;
            int rows = 1;
            int cols = 1;
            try {
                count = in.readInt();
                if (expectedMagic == IMAGES_MAGIC) {
                    rows = in.readInt();
                    cols = in.readInt();
                }
            } catch (EOFException e) {
                throw new BadInputException(source.name() + ": truncated header, expected " + what);
            }
            if (count < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 20) {
                throw new BadInputException(String.format("%s: header declares implausible dimensions %d x %d x %d",
                        source.name(), count, rows, cols));
            }
            long expected = (long) count * rows * cols;
            long actual = countBytes(in, expected + 1);
            if (actual > expected) {
                // Read to the end first: a damaged gzip stream may inflate to extra bytes before its
                // checksum at the end shows the damage, and then that is what to report.
                actual += countBytes(in, Long.MAX_VALUE);
            }
            if (actual < expected) {
                throw new BadInputException(String.format(
                        "%s: truncated: header declares %d records of %d bytes (%d bytes), file has %d",
                        source.name(), count, rows * cols, expected, actual));
            }
            if (actual > expected) {
                throw new BadInputException(String.format(
                        "%s: header declares %d records of %d bytes but the file holds more data than that",
                        source.name(), count, rows * cols));
            }
            return new IdxFile(source, magic, count, rows, cols);
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(source.name() + ": the gzip stream is corrupt (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new BadInputException(source.name() + ": the gzip stream is corrupt or truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(source.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads up to {@code limit} bytes and returns how many there were. */
    private static long countBytes(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        while (total < limit) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, limit - total));
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    /** Reads records [first, first+n) as raw bytes. */
    public byte[] readRecords(int first, int n) throws IOException {
        if (first < 0 || n < 0 || first + n > count) {
            throw new IllegalArgumentException("records [" + first + ", " + (first + n) + ") of " + count);
        }
        byte[] out = new byte[n * recordBytes()];
        try (InputStream in = source.open()) {
            in.skipNBytes(headerBytes() + (long) first * recordBytes());
            int read = in.readNBytes(out, 0, out.length);
            if (read != out.length) {
                throw new EOFException(source.name() + " changed while reading: records end early");
            }
        }
        return out;
    }
}
