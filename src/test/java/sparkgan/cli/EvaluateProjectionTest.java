package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.testing.CliRun;

/**
 * {@code evaluate} on an unlabelled data set compares samples to the test images pixel by pixel up to
 * 1,024 values an image, and through a random projection (to 256 values) above: the JSON names the
 * space; in it the test set judged against itself has precision and recall 1 (the same projection
 * applied to both sides) and a Fréchet distance of 0, and a different set (the same images, inverted)
 * far less and far more. Without a classifier the Fréchet distance is fitted in that same space.
 */
class EvaluateProjectionTest {
    private static final int TRAIN = 1000;
    private static final int TEST = 200;

    @TempDir
    Path tmp;

    /** Bright disks of random place and size on a dark, slightly noisy ground. */
    private static byte[] disks(int count, int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] b = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            double cy = 6 + rng.nextDouble() * (rows - 12);
            double cx = 6 + rng.nextDouble() * (cols - 12);
            double r = 3 + rng.nextDouble() * 4;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    boolean in = (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r;
                    b[(i * rows + y) * cols + x] = (byte) (in ? 200 + rng.nextInt(56) : rng.nextInt(30));
                }
            }
        }
        return b;
    }

    private static void writeIdx(Path file, byte[] pixels, int rows, int cols) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x803);
            out.writeInt(pixels.length / (rows * cols));
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels);
        }
    }

    /** An unlabelled data set of {@code rows x cols} disks; returns its test images. */
    private static byte[] dataSet(Path dir, int rows, int cols) throws IOException {
        Files.createDirectories(dir);
        writeIdx(dir.resolve("train-images-idx3-ubyte"), disks(TRAIN, rows, cols, 1), rows, cols);
        byte[] test = disks(TEST, rows, cols, 2);
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), test, rows, cols);
        return test;
    }

    private JsonNode evaluate(Path data, byte[] samples, int rows, int cols, String name) throws IOException {
        Path file = tmp.resolve(name + "-idx3-ubyte");
        writeIdx(file, samples, rows, cols);
        Path json = tmp.resolve(name + ".json");
        CliRun r = CliRun.of("evaluate", "--samples", file.toString(), "--data", data.toString(), "--out", json.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        return new ObjectMapper().readTree(json.toFile());
    }

    private static byte[] inverted(byte[] images) {
        byte[] b = images.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (255 - (b[i] & 0xff));
        }
        return b;
    }

    @Test
    void imagesOfMoreThan1024ValuesAreJudgedInARandomProjection() throws IOException {
        Path data = tmp.resolve("disks-32x33");
        byte[] test = dataSet(data, 32, 33);

        JsonNode self = evaluate(data, test, 32, 33, "self");
        assertEquals("random projection of 1056 pixels to 256, k = 3, " + TEST + " samples vs " + TEST + " test images",
                self.get("precision_recall_space").asText());
        assertEquals(1.0, self.get("precision").asDouble(), self.toString());
        assertEquals(1.0, self.get("recall").asDouble(), self.toString());
        assertEquals("random projection of 1056 pixels to 256, " + TEST + " samples vs " + TEST + " reference images",
                self.get("frechet_space").asText());
        assertEquals(0.0, self.get("frechet_distance").asDouble(), 1e-3, "the test set against itself: " + self);

        JsonNode other = evaluate(data, inverted(test), 32, 33, "inverted");
        assertEquals(self.get("precision_recall_space").asText(), other.get("precision_recall_space").asText());
        assertTrue(other.get("precision").asDouble() < 0.1, other.toString());
        assertTrue(other.get("recall").asDouble() < 0.1, other.toString());
        assertTrue(other.get("frechet_distance").asDouble() > 100, "inverted disks are far: " + other);
    }

    @Test
    void imagesOf1024ValuesAreJudgedOnPixels() throws IOException {
        Path data = tmp.resolve("disks-32x32");
        byte[] test = dataSet(data, 32, 32);
        JsonNode self = evaluate(data, test, 32, 32, "self32");
        assertEquals("pixels (1024), k = 3, " + TEST + " samples vs " + TEST + " test images", self.get("precision_recall_space").asText());
        assertEquals(1.0, self.get("precision").asDouble(), self.toString());
        assertEquals(1.0, self.get("recall").asDouble(), self.toString());
    }
}
