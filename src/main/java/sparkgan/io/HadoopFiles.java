package sparkgan.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Every output path goes through the Hadoop FileSystem API (file:, hdfs:, s3a: ...). Files are
 * written under a temporary name in the same directory and renamed into place, so a reader never
 * sees half a file, whatever happens to the writer.
 */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /** Writes some bytes. */
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static FileSystem fs(Path path) {
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            // No .crc side files next to our outputs on the local file system.
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
            return fs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + path, e);
        }
    }

    public static void writeAtomically(String uri, Writer writer) {
        Path target = new Path(uri);
        FileSystem fs = fs(target);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                writer.write(out);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("cannot replace " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // the temporary name is never read as output
            }
            throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
        }
    }

    public static void writeAtomically(String uri, byte[] content) {
        writeAtomically(uri, out -> out.write(content));
    }

    public static byte[] readAll(String uri) throws IOException {
        Path path = new Path(uri);
        try (InputStream in = fs(path).open(path)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        }
    }

    public static boolean exists(String uri) {
        Path path = new Path(uri);
        try {
            return fs(path).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + uri, e);
        }
    }

    public static boolean isNonEmptyDirectory(String uri) {
        Path path = new Path(uri);
        try {
            FileSystem fs = fs(path);
            return fs.exists(path) && (fs.getFileStatus(path).isFile() || fs.listStatus(path).length > 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + uri, e);
        }
    }

    public static void mkdirs(String uri) {
        Path path = new Path(uri);
        try {
            fs(path).mkdirs(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + uri, e);
        }
    }

    public static boolean isDirectory(String uri) {
        Path path = new Path(uri);
        try {
            FileSystem fs = fs(path);
            return fs.exists(path) && fs.getFileStatus(path).isDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + uri, e);
        }
    }

    /** {@code dir + "/" + name}, keeping the URI scheme. */
    public static String child(String dir, String name) {
        return new Path(dir, name).toString();
    }
}
