package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;
import sparkgan.testing.TestData;

/** The real command line, end to end on Spark: train writes its files, generate is reproducible. */
class TrainAndGenerateTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainOnce() {
        run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--master", "local[2]", "--data", TestData.mnistDir().toString(),
                "--out", run.toString(), "--steps", "6", "--batch", "16", "--partitions", "3",
                "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1", "--set", "data.limit=600",
                "--set", "out.sampleEvery=3", "--set", "out.sampleCount=9");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void trainingWritesConfigMetricsSamplesAndModel() throws Exception {
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertTrue(metrics.get(0).startsWith("step,d_loss,g_loss,d_real,d_fake,step_seconds,elapsed_seconds"), metrics.get(0));
        assertEquals(7, metrics.size(), "header + one row per iteration");
        assertTrue(metrics.get(6).startsWith("6,"));
        String config = Files.readString(run.resolve("config.properties"));
        assertTrue(config.contains("train.batch = 16") && config.contains("train.partitions = 3"), config);
        assertTrue(Files.exists(run.resolve("samples/step-0000003.png")));
        BufferedImage grid = ImageIO.read(run.resolve("samples/final.png").toFile());
        assertNotNull(grid);
        ModelFile model = ModelFile.read(run.resolve("model.sgan").toString());
        assertEquals(6, model.iteration());
        assertEquals("26,32,784", model.config().get("g.layers"));
        assertEquals(26 * 32 + 32 + 32 * 784 + 784, model.tensor("G").length);
        // No temporary files left behind.
        try (var files = Files.walk(run)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void generateIsByteIdenticalForTheSameSeedAndWritesValidIdx() throws Exception {
        Path a = tmp.resolve("a.idx");
        Path b = tmp.resolve("b-idx3-ubyte");
        Path c = tmp.resolve("c.idx");
        assertEquals(0, CliRun.of("generate", "--model", run.toString(), "--count", "20", "--out", a.toString(), "--seed", "5").exitCode());
        assertEquals(0, CliRun.of("generate", "--model", run.toString(), "--count", "20", "--out", b.toString(), "--seed", "5").exitCode());
        assertEquals(0, CliRun.of("generate", "--model", run.toString(), "--count", "20", "--out", c.toString(), "--seed", "6").exitCode());
        byte[] ba = Files.readAllBytes(a);
        assertArrayEquals(ba, Files.readAllBytes(b));
        assertFalse(Arrays.equals(ba, Files.readAllBytes(c)), "another seed must give other samples");
        try (DataInputStream in = new DataInputStream(Files.newInputStream(a))) {
            assertEquals(2051, in.readInt());
            assertEquals(20, in.readInt());
            assertEquals(28, in.readInt());
            assertEquals(28, in.readInt());
        }
        assertEquals(16 + 20 * 784, ba.length);

        Path png = tmp.resolve("grid.png");
        assertEquals(0, CliRun.of("generate", "--model", run.resolve("model.sgan").toString(), "--count", "16", "--out", png.toString()).exitCode());
        BufferedImage img = ImageIO.read(png.toFile());
        // The default model has an InfoGAN code of 20 values: 16 samples are one for each of the first
        // 16 values, grouped by value in a square grid (4 x 4), not a 16-row strip.
        assertEquals(2 + 4 * (56 + 2), img.getWidth());
        assertEquals(2 + 4 * (56 + 2), img.getHeight());

        Path table = tmp.resolve("samples.parquet");
        CliRun parquet = CliRun.of("generate", "--model", run.toString(), "--count", "12", "--seed", "5", "--out", table.toString(),
                "--master", "local[2]");
        assertEquals(0, parquet.exitCode(), parquet.stderr());
        java.util.List<org.apache.spark.sql.Row> rows = sparkgan.testing.SparkTestContext.session().read().parquet(table.toString())
                .orderBy("id").collectAsList();
        assertEquals(12, rows.size());
        assertEquals(java.util.List.of("id", "image"), java.util.List.of(rows.get(0).schema().fieldNames()));
        java.util.List<Float> first = rows.get(0).getList(1);
        assertEquals(784, first.size());
        assertTrue(first.stream().allMatch(x -> x >= 0f && x <= 1f), "pixels in [0,1]");
        // The same samples as the IDX file of the same seed (its first 12 of 20: noise is drawn in order).
        for (int i = 0; i < 784; i++) {
            assertEquals(ba[16 + i] & 0xff, Math.round(first.get(i) * 255f), 1, "pixel " + i);
        }
    }
}
