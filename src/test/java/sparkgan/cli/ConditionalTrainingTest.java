package sparkgan.cli;

import sparkgan.run.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.eval.ImageClassifier;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;
import sparkgan.testing.TestData;

/**
 * A short conditional run on real MNIST with evaluation during training: eval.csv gets its rows and
 * plots, and the model conditions: in the classifier's eyes, the samples asked for different digits
 * differ more than any relabelling of the same samples does (a permutation test).
 */
class ConditionalTrainingTest {
    static final int STEPS = 1000;
    static final int PER_CLASS = 200;

    @TempDir
    Path tmp;

    @Test
    void shortCganRunConditionsAndIsEvaluatedWhileTraining() throws Exception {
        Path out = tmp.resolve("cgan");
        Path cache = Path.of(System.getProperty("project.basedir", "."), "target", "test-classifier-cache");
        CliRun r = CliRun.of("train", "--engine", "local", "--data", TestData.mnistDir().toString(), "--out", out.toString(),
                "--preset", "cgan", "--steps", Integer.toString(STEPS), "--partitions", "2",
                // Small nets, a projection discriminator and a high learning rate: conditioned in 1,000 steps
                // (71 % classified as asked when tried; with the preset's 2e-4 and no projection: chance at 4,000).
                "--set", "g.layers=110,256,784", "--set", "d.layers=794,256,1", "--set", "cgan.projection=true",
                "--set", "d.lr=0.001", "--set", "g.lr=0.001", "--set", "g.ema=0.99",
                "--set", "eval.every=500", "--set", "eval.samples=1000", "--set", "eval.classifierCache=" + cache,
                "--set", "out.sampleEvery=0", "--set", "out.checkpointEvery=0", "--set", "data.limit=20000");
        assertEquals(0, r.exitCode(), r.stderr());

        // Evaluated during training: rows at 500 and 1000; at 1000 the samples are digits of most classes
        // (uniform noise scores under 2 with at most 2 classes: EvaluateTest) and follow their labels
        // well above chance (0.1).
        List<String> rows = Files.readAllLines(out.resolve(RunDirectory.EVAL_FILE));
        assertEquals(3, rows.size(), rows.toString());
        for (int i = 1; i <= 2; i++) {
            String[] f = rows.get(i).split(",", -1);
            assertEquals(500L * i, Long.parseLong(f[0]));
            assertTrue(!f[6].isEmpty(), "a conditional run reports the share classified as asked");
        }
        String[] last = rows.get(2).split(",", -1);
        assertTrue(Double.parseDouble(last[2]) > 3.0, "score at 1000: " + rows);
        assertTrue(Integer.parseInt(last[4]) >= 8, "classes of at least 5 % at 1000: " + rows);
        assertTrue(Double.parseDouble(last[6]) > 0.4, "share classified as asked at 1000: " + rows);
        assertTrue(Files.isRegularFile(out.resolve("plots/eval-score-time.png")));

        // Conditioning: 200 samples per digit, classified.
        ModelFile model = ModelFile.read(out.resolve(RunDirectory.MODEL_FILE).toString());
        GanSpec spec = GanSpec.from(GanConfig.fromMap(model.config(), "model"));
        int n = 10 * PER_CLASS;
        int[] asked = new int[n];
        for (int i = 0; i < n; i++) {
            asked[i] = i / PER_CLASS;
        }
        float[] images = Sampler.sample(spec, model.samplingGenerator(), n, 5, asked);
        Path classifierFile;
        try (var files = Files.list(cache)) {
            classifierFile = files.filter(p -> p.getFileName().toString().endsWith(".sgan")).findFirst().orElseThrow();
        }
        int[] predicted = new ImageClassifier(ImageClassifier.MNIST, ImageClassifier.MNIST_CLASSES, ModelFile.read(classifierFile.toString()).tensor("classifier")).outputs(images, n).predicted();
        double observed = meanPairwiseDistance(asked, predicted);
        Random rng = new Random(1);
        double maxShuffled = 0;
        for (int trial = 0; trial < 20; trial++) {
            int[] shuffled = asked.clone();
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            maxShuffled = Math.max(maxShuffled, meanPairwiseDistance(shuffled, predicted));
        }
        assertTrue(observed > 2 * maxShuffled && observed > 0.3,
                "labels do not steer the generator: mean total-variation distance between the digits' predicted-class histograms "
                        + observed + " vs at most " + maxShuffled + " for shuffled labels");

        // generate --digit asks for that label: the same images as sampling with it directly.
        Path three = tmp.resolve("three-idx3-ubyte");
        CliRun g = CliRun.of("generate", "--model", out.toString(), "--digit", "3", "--count", "50", "--seed", "9", "--out", three.toString());
        assertEquals(0, g.exitCode(), g.stderr());
        int[] threes = new int[50];
        java.util.Arrays.fill(threes, 3);
        Path direct = tmp.resolve("direct-idx3-ubyte");
        sparkgan.report.SampleImages.write(direct.toString(), Sampler.sample(spec, model.samplingGenerator(), 50, 9, threes), 50,
                sparkgan.data.ImageShape.gray(28, 28));
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(three));
        Path seven = tmp.resolve("seven-idx3-ubyte");
        assertEquals(0, CliRun.of("generate", "--model", out.toString(), "--digit", "7", "--count", "50", "--seed", "9", "--out", seven.toString()).exitCode());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(three), Files.readAllBytes(seven)), "the digit changes the images");
    }

    /** Mean total-variation distance between the predicted-class histograms of every pair of asked-for classes. */
    static double meanPairwiseDistance(int[] asked, int[] predicted) {
        double[][] hist = new double[10][10];
        int[] count = new int[10];
        for (int i = 0; i < asked.length; i++) {
            hist[asked[i]][predicted[i]]++;
            count[asked[i]]++;
        }
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                double tv = 0;
                for (int k = 0; k < 10; k++) {
                    tv += Math.abs(hist[a][k] / count[a] - hist[b][k] / count[b]);
                }
                sum += tv / 2;
                pairs++;
            }
        }
        return sum / pairs;
    }
}
