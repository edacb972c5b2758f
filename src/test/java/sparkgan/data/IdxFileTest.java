package sparkgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import sparkgan.testing.TestData;

class IdxFileTest {
    @Test
    void realMnistIsReadWithItsPublishedCounts() {
        assertTrue(TestData.hasRealMnist(), "MNIST is expected at " + TestData.mnistDir() + " (set MNIST_DIR)");
        MnistData data = DataLocator.fromUri(TestData.mnistDir().toString(), 0);
        assertEquals(60000, data.count());
        assertEquals(28, data.height());
        assertEquals(28, data.width());
        assertTrue(data.hasLabels());
        // Label counts of the training set, as published.
        int[] counts = new int[10];
        for (int p = 0; p < 3; p++) {
            byte[] labels = data.readBlock(p, 3, false).labels();
            for (byte l : labels) {
                counts[l]++;
            }
        }
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts);
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

    @Test
    void embeddedSampleIsExactlyTheFirstTenThousandMnistTrainingImages() throws Exception {
        MnistData embedded = DataLocator.embedded(0);
        assertEquals(10000, embedded.count());
        ImageBlock block = embedded.readBlock(0, 1, false);
        byte[] real = new byte[10000 * 784];
        byte[] realLabels = new byte[10000];
        try (InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(TestData.mnistDir().resolve("train-images-idx3-ubyte.gz")))) {
            in.skipNBytes(16);
            assertEquals(real.length, in.readNBytes(real, 0, real.length));
        }
        try (InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(TestData.mnistDir().resolve("train-labels-idx1-ubyte.gz")))) {
            in.skipNBytes(8);
            assertEquals(realLabels.length, in.readNBytes(realLabels, 0, realLabels.length));
        }
        for (int i = 0; i < real.length; i++) {
            assertEquals((real[i] & 0xff) / 255f, block.data()[i], 0f, "pixel " + i);
        }
        assertArrayEquals(realLabels, block.labels());
    }
}
