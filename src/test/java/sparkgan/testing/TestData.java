package sparkgan.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import sparkgan.data.DataLocator;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;

/**
 * Where tests find data, as the product does: the real MNIST at MNIST_DIR, else -Dmnist.dir (set by
 * the pom, default ../shared/data/mnist), when it is there; else the sample embedded in the jar. Tests
 * that need a directory with a training and a test set (the CLI's {@code --data}, evaluation) get, in
 * a bare clone, a held-out split of the embedded sample written under target/: its first
 * {@value #SAMPLE_TRAIN} images as the training files, the next {@value #SAMPLE_TEST} as the t10k
 * files. The sample interleaves the digits and its rarest digit (5) has 863 images, so its first 8,630
 * hold every digit equally often: both parts are balanced (700 and 163 of each digit).
 */
public final class TestData {
    public static final int SAMPLE_TRAIN = 7000;
    public static final int SAMPLE_TEST = 1630;
    private static final int PIXELS = 784;

    private TestData() {
    }

    /** The configured real MNIST directory, whether or not it exists. */
    public static Path realMnistDir() {
        String env = System.getenv("MNIST_DIR");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("mnist.dir", "../shared/data/mnist"));
    }

    public static boolean hasRealMnist() {
        return Files.isRegularFile(realMnistDir().resolve("train-images-idx3-ubyte.gz"));
    }

    /** A directory with the four MNIST file names: the real MNIST, else the embedded sample's split. */
    public static Path mnistDir() {
        return hasRealMnist() ? realMnistDir() : sampleSplitDir();
    }

    /** Real MNIST when present, else the embedded sample (all 10,000 images). */
    public static MnistData mnistOrEmbedded(int limit) {
        if (hasRealMnist()) {
            return DataLocator.fromUri(realMnistDir().toAbsolutePath().toUri().toString(), limit);
        }
        return DataLocator.embedded(limit);
    }

    /** A small GAN that trains in seconds; keys as in conf/gan.properties. */
    public static GanConfig tinyConfig() {
        return GanConfig.defaults()
                .with("g.layers", "16,32,784")
                .with("d.layers", "784,32,1")
                .with("d.dropout", "0.25")
                .with("train.batch", "32")
                .with("info.codes", "0");
    }

    /** The embedded sample split into train and t10k files, written once per build directory (atomically). */
    private static synchronized Path sampleSplitDir() {
        Path dir = Paths.get(System.getProperty("project.basedir", "."), "target", "test-data", "mnist-sample-split-" + SAMPLE_TRAIN);
        if (Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
            return dir;
        }
        try {
            byte[] images = embedded(DataLocator.IMAGES, 16);
            byte[] labels = embedded(DataLocator.LABELS, 8);
            Path tmp = Files.createTempDirectory(Files.createDirectories(dir.getParent()), "split");
            writeIdx(tmp.resolve("train-images-idx3-ubyte.gz"), images, 0, SAMPLE_TRAIN, PIXELS);
            writeIdx(tmp.resolve("train-labels-idx1-ubyte.gz"), labels, 0, SAMPLE_TRAIN, 1);
            writeIdx(tmp.resolve("t10k-images-idx3-ubyte.gz"), images, SAMPLE_TRAIN, SAMPLE_TEST, PIXELS);
            writeIdx(tmp.resolve("t10k-labels-idx1-ubyte.gz"), labels, SAMPLE_TRAIN, SAMPLE_TEST, 1);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileSystemException e) {
                // Another test JVM (surefire runs two) wrote the same split first: keep theirs.
                if (!Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
                    throw e;
                }
                try (var files = Files.list(tmp)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
                Files.delete(tmp);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded sample's split under " + dir, e);
        }
    }

    /** The body (after the header) of one of the embedded sample's IDX files. */
    private static byte[] embedded(String name, int header) throws IOException {
        try (InputStream raw = TestData.class.getClassLoader().getResourceAsStream(DataLocator.EMBEDDED_DIR + name + ".gz")) {
            if (raw == null) {
                throw new IOException("the embedded sample is not on the classpath (run mvn process-classes)");
            }
            InputStream in = new GZIPInputStream(raw);
            in.skipNBytes(header);
            return in.readAllBytes();
        }
    }

    private static void writeIdx(Path file, byte[] body, int first, int count, int recordBytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(buf))) {
            out.writeInt(recordBytes == 1 ? 0x801 : 0x803);
            out.writeInt(count);
            if (recordBytes != 1) {
                out.writeInt(28);
                out.writeInt(28);
            }
            out.write(body, first * recordBytes, count * recordBytes);
        }
        Files.write(file, buf.toByteArray());
    }
}
