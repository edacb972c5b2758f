package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.testing.CliRun;
import sparkgan.testing.RealMnist;
import sparkgan.testing.TestData;

/**
 * `evaluate` on inputs whose answer is known: real test digits score high with every class present;
 * uniform noise and one repeated digit score near 1 with at most one or two modes. The classifier is
 * trained on Spark the first time (about 90 s here) and cached under target/.
 */
@RealMnist
class EvaluateTest {
    @TempDir
    Path tmp;

    private JsonNode evaluate(Path samples) throws Exception {
        Path json = tmp.resolve(samples.getFileName() + ".json");
        Path cache = Path.of(System.getProperty("project.basedir", "."), "target", "test-classifier-cache");
        CliRun r = CliRun.of("evaluate", "--samples", samples.toString(), "--data", TestData.mnistDir().toString(),
                "--classifier-cache", cache.toString(), "--master", "local[2]", "--out", json.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        return new ObjectMapper().readTree(Files.readString(json));
    }

    private static Path idx(Path file, byte[] pixels, int count) throws Exception {
        return idx(file, pixels, count, 28);
    }

    private static Path idx(Path file, byte[] pixels, int count, int side) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(buf);
        d.writeInt(0x803);
        d.writeInt(count);
        d.writeInt(side);
        d.writeInt(side);
        d.write(pixels);
        Files.write(file, buf.toByteArray());
        return file;
    }

    @Test
    void knownInputsScoreAsTheyShould() throws Exception {
        JsonNode real = evaluate(TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz"));
        // Trained on 60,000 real digits the classifier reaches 98.2 %; on the embedded sample's 7,000 (a
        // bare clone) 94.9 % on its 1,630 held-out images.
        assertTrue(real.get("classifier_test_accuracy").asDouble() >= (TestData.hasRealMnist() ? 0.98 : 0.93), real.toString());
        assertTrue(real.get("mnist_score").asDouble() > 9.0, real.toString());
        assertEquals(10, real.get("classes_at_least_5_percent").asInt());
        assertEquals(0.0, real.get("frechet_distance").asDouble(), 1e-6, "the test set against itself");

        byte[] noise = new byte[1000 * 784];
        new Random(3).nextBytes(noise);
        JsonNode n = evaluate(idx(tmp.resolve("noise-idx3-ubyte"), noise, 1000));
        assertTrue(n.get("mnist_score").asDouble() < 2.0, n.toString());
        assertTrue(n.get("classes_at_least_5_percent").asInt() <= 2, n.toString());
        assertTrue(n.get("frechet_distance").asDouble() > 100 * Math.max(1e-3, real.get("frechet_distance").asDouble()), n.toString());

        byte[] one = new byte[784];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz")))) {
            in.skipNBytes(16);
            assertEquals(784, in.readNBytes(one, 0, 784));
        }
        byte[] repeated = new byte[1000 * 784];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(one, 0, repeated, i * 784, 784);
        }
        JsonNode r = evaluate(idx(tmp.resolve("one-idx3-ubyte"), repeated, 1000));
        assertEquals(1.0, r.get("mnist_score").asDouble(), 1e-6, r.toString());
        assertEquals(1, r.get("classes_at_least_5_percent").asInt());
        assertTrue(real.get("parzen_log_likelihood").asDouble() > r.get("parzen_log_likelihood").asDouble(), "Parzen ranks real digits above a single repeated one");

        // Precision and recall: the test set against itself is all of both; noise is off the digits'
        // manifold; one real digit repeated is realistic and covers nothing.
        assertEquals(1.0, real.get("precision").asDouble(), 1e-9, real.toString());
        assertEquals(1.0, real.get("recall").asDouble(), 1e-9, real.toString());
        assertTrue(n.get("precision").asDouble() < 0.1, n.toString());
        assertEquals(1.0, r.get("precision").asDouble(), 1e-9, r.toString());
        assertTrue(r.get("recall").asDouble() < 0.01, r.toString());
        assertTrue(real.get("precision_recall_space").asText().startsWith("classifier features (256)"), real.toString());
    }

    @Test
    void dataWithoutLabelsGetsWhatNeedsNoClassifierAndSaysWhatItSkipped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("unlabelled"));
        Files.copy(TestData.mnistDir().resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-images-idx3-ubyte.gz"));
        Path json = tmp.resolve("unlabelled.json");
        CliRun r = CliRun.of("evaluate", "--samples", dir.resolve("t10k-images-idx3-ubyte.gz").toString(), "--data", dir.toString(),
                "--out", json.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode j = new ObjectMapper().readTree(Files.readString(json));
        assertEquals("--data " + dir + " has no labels files: no classifier to judge with", j.get("skipped").get("mnist_score").asText());
        assertTrue(!j.has("mnist_score") && !j.get("skipped").has("frechet_distance"), j.toString());
        // Without a classifier the Fréchet distance is fitted on the pixels: the test set against itself is 0.
        assertTrue(j.get("frechet_space").asText().startsWith("pixels (784)"), j.toString());
        assertEquals(0.0, j.get("frechet_distance").asDouble(), 1e-3, j.toString());
        assertEquals(1.0, j.get("precision").asDouble(), 1e-9, j.toString());
        assertTrue(j.get("precision_recall_space").asText().startsWith("pixels (784)"), j.toString());
        assertTrue(j.has("parzen_log_likelihood"), j.toString());
    }

    /**
     * A labelled data set that is not MNIST (16x16 images of three classes: a horizontal bar, a vertical
     * bar, a cross, at random places, with noise): the classifier is trained for its shape and classes.
     */
    @Test
    void anotherLabelledDataSetGetsItsOwnClassifier() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bars"));
        Random rng = new Random(9);
        for (String[] part : new String[][] {{"train", "3000"}, {"t10k", "600"}}) {
            int n = Integer.parseInt(part[1]);
            byte[] pixels = new byte[n * 256];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % 3);
                int at = 3 + rng.nextInt(10);
                for (int p = 0; p < 256; p++) {
                    int y = p / 16;
                    int x = p % 16;
                    boolean on = (labels[i] != 1 && y == at) || (labels[i] != 0 && x == at);
                    pixels[i * 256 + p] = (byte) (on ? 200 + rng.nextInt(56) : rng.nextInt(40));
                }
            }
            idx(dir.resolve(part[0] + "-images-idx3-ubyte"), pixels, n, 16);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(buf);
            d.writeInt(0x801);
            d.writeInt(n);
            d.write(labels);
            Files.write(dir.resolve(part[0] + "-labels-idx1-ubyte"), buf.toByteArray());
        }
        Path json = tmp.resolve("bars.json");
        CliRun r = CliRun.of("evaluate", "--samples", dir.resolve("t10k-images-idx3-ubyte").toString(), "--data", dir.toString(),
                "--classifier-cache", tmp.resolve("cache").toString(), "--classifier-steps", "300", "--master", "local[2]",
                "--out", json.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode j = new ObjectMapper().readTree(Files.readString(json));
        assertTrue(j.get("classifier_test_accuracy").asDouble() > 0.98, j.toString());
        assertEquals(3, j.get("class_shares").size(), j.toString());
        assertEquals(3, j.get("classes_at_least_5_percent").asInt(), j.toString());
        assertTrue(j.get("mnist_score").asDouble() > 2.8 && j.get("mnist_score").asDouble() <= 3.0, "three even classes: a score near 3 " + j);
        try (var cached = Files.list(tmp.resolve("cache"))) {
            assertTrue(cached.anyMatch(f -> f.getFileName().toString().endsWith("-steps300.sgan")), "cached apart from 3,000-step classifiers");
        }
    }

    @Test
    void aModelAndEachCheckpointOfARunAreJudged() throws Exception {
        Path run = tmp.resolve("run");
        CliRun t = CliRun.of("train", "--engine", "local", "--data", TestData.mnistDir().toString(), "--out", run.toString(), "--steps", "20",
                "--batch", "16", "--partitions", "2", "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1",
                "--set", "data.limit=500", "--set", "out.checkpointEvery=10", "--set", "out.checkpointSeconds=0", "--set", "out.sampleEvery=0");
        assertEquals(0, t.exitCode(), t.stderr());
        Path cache = Path.of(System.getProperty("project.basedir", "."), "target", "test-classifier-cache");

        Path json = tmp.resolve("model.json");
        CliRun m = CliRun.of("evaluate", "--model", run.toString(), "--count", "500", "--data", TestData.mnistDir().toString(),
                "--classifier-cache", cache.toString(), "--master", "local[2]", "--out", json.toString());
        assertEquals(0, m.exitCode(), m.stderr());
        JsonNode j = new ObjectMapper().readTree(Files.readString(json));
        assertEquals(500, j.get("samples").asInt());
        double score = j.get("mnist_score").asDouble();
        double frechet = j.get("frechet_distance").asDouble();

        CliRun q = CliRun.of("evaluate", "--run", run.toString(), "--count", "500", "--data", TestData.mnistDir().toString(),
                "--classifier-cache", cache.toString(), "--master", "local[2]");
        assertEquals(0, q.exitCode(), q.stderr());
        java.util.List<String> rows = Files.readAllLines(run.resolve("quality.csv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("10,") && rows.get(2).startsWith("20,"), rows.toString());
        // The last checkpoint is the model: the same samples judged the same way give the same numbers.
        String[] at10 = rows.get(1).split(",", -1);
        String[] at20 = rows.get(2).split(",", -1);
        assertEquals(score, Double.parseDouble(at20[2]), 5e-4, "score of the model and of checkpoint 20: " + rows + " " + j);
        assertEquals(frechet, Double.parseDouble(at20[3]), 5e-4 * Math.max(1, frechet), "Fréchet distance: " + rows + " " + j);
        assertTrue(!at10[2].equals(at20[2]) || !at10[3].equals(at20[3]), "each checkpoint judged on its own samples: " + rows);
        assertTrue(Files.isRegularFile(run.resolve("plots/quality-time.png")));
    }
}
