package sparkgan.data;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkgan.BadInputException;

/**
 * Where the bytes of one file come from: a Hadoop FileSystem URI (file:, hdfs:, s3a: ...) or a
 * resource inside the application jar (the embedded sample). Serializable, so executors open the
 * file themselves instead of receiving its contents through the driver. Gzip is detected from the
 * content, not the name.
 */
public interface StreamSource extends Serializable {
    /** A human-readable name for error messages. */
    String name();

    /** The file's bytes as stored. */
    InputStream openRaw() throws IOException;

    /** Opens the file, transparently gunzipping it. */
    default InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(openRaw(), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    static StreamSource hadoop(String uri) {
        return new HadoopSource(uri);
    }

    static StreamSource resource(String path) {
        return new ResourceSource(path);
    }

    /** A file on a Hadoop FileSystem. */
    record HadoopSource(String uri) implements StreamSource {
        @Override
        public String name() {
            return uri;
        }

        @Override
        public InputStream openRaw() throws IOException {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(new Configuration());
            try {
                return fs.open(path);
            } catch (FileNotFoundException e) {
                throw new BadInputException(uri + ": no such file");
            }
        }
    }

    /** A resource inside the application jar. */
    record ResourceSource(String path) implements StreamSource {
        @Override
        public String name() {
            return "embedded:" + path;
        }

        @Override
        public InputStream openRaw() throws IOException {
            InputStream in = StreamSource.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IOException("resource " + path + " is not in the application jar");
            }
            return in;
        }
    }
}
