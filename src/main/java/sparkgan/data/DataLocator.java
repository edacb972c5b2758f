package sparkgan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sparkgan.BadInputException;

/**
 * Decides where the training set comes from, in this order: the {@code --data} URI; else
 * {@code data/mnist/} under the working directory; else a download of MNIST into that folder; else,
 * offline, the embedded sample (MNIST training images 0..9999) with a one-line notice.
 */
public final class DataLocator {
    private static final Logger LOG = LoggerFactory.getLogger(DataLocator.class);

    public static final String IMAGES = "train-images-idx3-ubyte";
    public static final String LABELS = "train-labels-idx1-ubyte";
    public static final String EMBEDDED_DIR = "sparkgan/mnist-sample/";

    private DataLocator() {
    }

    /**
     * @param dataUri the --data option, or null
     * @param mirrors download mirrors; empty disables the download
     * @param notice receives the one-line notice when the embedded sample is used
     */
    public static MnistData locate(String dataUri, List<String> mirrors, int limit, java.util.function.Consumer<String> notice) {
        if (dataUri != null) {
            return fromUri(dataUri, limit);
        }
        Path local = Paths.get("data", "mnist");
        if (hasLocal(local)) {
            return fromUri(local.toAbsolutePath().toUri().toString(), limit);
        }
        if (!mirrors.isEmpty()) {
            LOG.info("no data/mnist here; trying to download MNIST");
            if (new MnistDownloader(mirrors, Duration.ofSeconds(3)).download(local)) {
                return fromUri(local.toAbsolutePath().toUri().toString(), limit);
            }
        }
        notice.accept("notice: no MNIST at hand (no --data, no data/mnist/, download failed); "
                + "training on the embedded sample of 10,000 MNIST training images");
        return embedded(limit);
    }

    public static MnistData embedded(int limit) {
        return MnistData.open(StreamSource.resource(EMBEDDED_DIR + IMAGES + ".gz"),
                StreamSource.resource(EMBEDDED_DIR + LABELS + ".gz"), limit, "embedded MNIST sample");
    }

    private static boolean hasLocal(Path dir) {
        return Files.isRegularFile(dir.resolve(IMAGES + ".gz")) || Files.isRegularFile(dir.resolve(IMAGES));
    }

    /** A directory with the standard names (gzipped or not), or a single IDX images file. */
    public static MnistData fromUri(String uri, int limit) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            if (!fs.exists(path)) {
                throw new BadInputException("--data " + uri + ": no such file or directory");
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isFile()) {
                return MnistData.open(StreamSource.hadoop(status.getPath().toString()), null, limit, uri);
            }
            String images = firstExisting(fs, path, IMAGES);
            if (images == null) {
                throw new BadInputException("--data " + uri + ": directory holds no " + IMAGES + " or " + IMAGES + ".gz");
            }
            String labels = firstExisting(fs, path, LABELS);
            return MnistData.open(StreamSource.hadoop(images), labels == null ? null : StreamSource.hadoop(labels), limit, uri);
        } catch (IOException e) {
            throw new BadInputException("--data " + uri + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** {@code dir/base.gz} or {@code dir/base}, whichever exists first (as a full URI), or null. */
    public static String existing(String dir, String base) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        try {
            return firstExisting(path.getFileSystem(new Configuration()), path, base);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String firstExisting(FileSystem fs, org.apache.hadoop.fs.Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base}) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir, name);
            if (fs.exists(p)) {
                return fs.getFileStatus(p).getPath().toString();
            }
        }
        return null;
    }
}
