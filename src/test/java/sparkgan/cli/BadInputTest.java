package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.testing.CliRun;

/**
 * Each mistake: exit code 2, one line on stderr that names the culprit and what was expected, no
 * stack trace, and no output directory created.
 */
class BadInputTest {
    @TempDir
    Path tmp;
    Path out;

    @BeforeEach
    void setUp() {
        out = tmp.resolve("run");
    }

    private void assertBadInput(CliRun run, String... mustMention) {
        String[] lines = run.errorLines();
        assertEquals(2, run.exitCode(), "exit code; stderr: " + run.stderr());
        assertEquals(1, lines.length, "exactly one line expected, got: " + run.stderr());
        assertTrue(lines[0].startsWith("error: "), lines[0]);
        assertFalse(lines[0].contains("Exception"), "a class name is not a message: " + lines[0]);
        for (String s : mustMention) {
            assertTrue(lines[0].contains(s), "'" + lines[0] + "' should mention " + s);
        }
        assertFalse(Files.exists(out), "output directory was created");
    }

    /** train with these options; one step unless they say otherwise, so that a refusal that regressed ends soon. */
    private CliRun train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString(), "--master", "local[1]", "--set", "data.mirrors="));
        if (!List.of(extra).contains("--steps") && !List.of(extra).contains("--resume")) {
            args.addAll(List.of("--steps", "1"));
        }
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** An IDX images file with the given header and pixel byte count, gzipped or not. */
    private Path images(String name, int magic, int count, int rows, int cols, int pixelBytes, boolean gzip) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(raw);
        d.writeInt(magic);
        d.writeInt(count);
        d.writeInt(rows);
        d.writeInt(cols);
        d.write(new byte[pixelBytes]);
        Path p = tmp.resolve(name);
        if (gzip) {
            try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(p))) {
                z.write(raw.toByteArray());
            }
        } else {
            Files.write(p, raw.toByteArray());
        }
        return p;
    }

    private Path labels(String name, int count) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(raw);
        d.writeInt(0x801);
        d.writeInt(count);
        d.write(new byte[count]);
        Path p = tmp.resolve(name);
        Files.write(p, raw.toByteArray());
        return p;
    }

    @Test
    void truncatedIdx() throws IOException {
        Path f = images("trunc-idx3-ubyte.gz", 0x803, 100, 28, 28, 784 * 100 - 10, true);
        assertBadInput(train("--data", f.toString()), f.getFileName().toString(), "truncated");
    }

    @Test
    void wrongMagic() throws IOException {
        Path f = images("magic-idx3-ubyte", 0x801, 10, 28, 28, 7840, false);
        assertBadInput(train("--data", f.toString()), f.getFileName().toString(), "magic", "0x00000803");
    }

    @Test
    void headerDimensionsDoNotMatchTheBytes() throws IOException {
        Path f = images("dims-idx3-ubyte", 0x803, 10, 20, 20, 7840, false);
        assertBadInput(train("--data", f.toString()), f.getFileName().toString(), "header declares");
    }

    @Test
    void imagesAndLabelsCountMismatch() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("set"));
        Files.move(images("x", 0x803, 10, 28, 28, 7840, false), dir.resolve("train-images-idx3-ubyte"));
        Files.move(labels("y", 9), dir.resolve("train-labels-idx1-ubyte"));
        assertBadInput(train("--data", dir.toString()), "9 labels", "10 images");
    }

    @Test
    void evaluationWithoutFullMnist() throws IOException {
        // No --data: the run would use the embedded sample, which has no test set to judge against.
        assertBadInput(train("--set", "eval.every=100"), "eval.every", "full MNIST");
        // A directory without the t10k files.
        Path dir = Files.createDirectories(tmp.resolve("train-only"));
        Files.move(images("x", 0x803, 10, 28, 28, 7840, false), dir.resolve("train-images-idx3-ubyte"));
        Files.move(labels("y", 10), dir.resolve("train-labels-idx1-ubyte"));
        assertBadInput(train("--data", dir.toString(), "--set", "eval.every=100", "--batch", "4"), "--data", "t10k-images-idx3-ubyte");
    }

    @Test
    void chainCopyWithSimultaneousUpdates() {
        assertBadInput(train("--set", "train.update=simultaneous", "--set", "train.chainD=trained-copy"), "simultaneous", "train.chainD");
    }

    @Test
    void continuousCodesWithoutACategoricalCode() {
        assertBadInput(train("--set", "info.codes=0", "--set", "info.continuous=2"), "info.continuous", "info.codes > 0");
    }

    @Test
    void minibatchStddevGroupOfOne() {
        assertBadInput(train("--set", "d.minibatchStd=1"), "d.minibatchStd", "group size from 2");
    }

    @Test
    void noiseBankSmallerThanThePartitions() {
        assertBadInput(train("--set", "train.noiseBank=1", "--partitions", "2", "--set", "data.limit=500"), "train.noiseBank", "per partition");
    }

    @Test
    void missingFile() {
        assertBadInput(train("--data", tmp.resolve("nope").toString()), "nope", "no such file");
    }

    @Test
    void unknownConfigKey() {
        assertBadInput(train("--set", "d.learningrate=0.1"), "d.learningrate", "unknown config key");
    }

    @Test
    void unknownKeyInConfFile() throws IOException {
        Path conf = tmp.resolve("my.properties");
        Files.writeString(conf, "train.stepz = 4\n");
        assertBadInput(train("--conf", conf.toString()), "train.stepz", "my.properties");
    }

    @Test
    void batchZero() {
        assertBadInput(train("--batch", "0"), "train.batch", "expected from 1");
    }

    @Test
    void negativeLearningRate() {
        assertBadInput(train("--set", "g.lr=-0.01"), "g.lr", "> 0");
    }

    @Test
    void layersThatDoNotChain() {
        assertBadInput(train("--set", "g.layers=100,500"), "g.layers", "d.layers", "784");
    }

    @Test
    void imageSizeThatDoesNotMatchTheNetwork() throws IOException {
        Path f = images("small-idx3-ubyte", 0x803, 10, 20, 20, 4000, false);
        assertBadInput(train("--data", f.toString()), "1x20x20 = 400 values", "g.layers ends with 784");
    }

    @Test
    void conditionalGanWithoutLabels() throws IOException {
        Path f = images("nolabels-idx3-ubyte", 0x803, 10, 28, 28, 7840, false);
        assertBadInput(train("--data", f.toString(), "--preset", "cgan"), "conditional", "labels");
    }

    @Test
    void unknownPreset() {
        assertBadInput(train("--preset", "no-such-preset"), "--preset no-such-preset", "no such preset");
    }

    @Test
    void nonNumericOption() {
        assertBadInput(train("--steps", "many"), "--steps", "many");
    }

    @Test
    void unknownOption() {
        assertBadInput(train("--stepz", "3"), "--stepz");
    }

    @Test
    void outputDirectoryThatAlreadyHoldsARun() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.csv"), "step\n");
        CliRun run = train("--steps", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.errorLines()[0].contains("not empty"), run.stderr());
        assertEquals("step\n", Files.readString(out.resolve("metrics.csv")), "existing run was touched");
    }

    @Test
    void generateFromAModelThatIsNotOne() throws IOException {
        Path bogus = tmp.resolve("model.sgan");
        Files.writeString(bogus, "not a model");
        CliRun run = CliRun.of("generate", "--model", bogus.toString(), "--count", "4", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errorLines().length, run.stderr());
        assertTrue(run.errorLines()[0].contains("model.sgan") && run.errorLines()[0].contains("not a spark-gan model"), run.stderr());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void nonFiniteConfigurationValues() {
        assertBadInput(train("--set", "g.lr=Infinity"), "g.lr", "finite");
        assertBadInput(train("--set", "d.beta1=NaN"), "d.beta1", "finite");
        // Beyond float's range parses to infinity.
        assertBadInput(train("--set", "info.weight=1e39"), "info.weight", "finite");
    }

    @Test
    void networksThatCannotFitInTheHeap() {
        assertBadInput(train("--set", "g.layers=120,1000000,784", "--set", "info.codes=0"), "g.layers", "heap", "SPARKGAN_JAVA_OPTS");
        assertBadInput(train("--set", "g.layers=120,100000,100000,784", "--set", "info.codes=0"), "g.layers", "one array");
    }

    @Test
    void gzipScrambledMidStreamIsReportedAsCorrupt() throws IOException {
        Path f = images("scrambled-idx3-ubyte.gz", 0x803, 100, 28, 28, 784 * 100, true);
        byte[] b = Files.readAllBytes(f);
        for (int i = b.length / 3; i < b.length / 3 + 16; i++) {
            b[i] ^= 0x5a;
        }
        Files.write(f, b);
        assertBadInput(train("--data", f.toString()), f.getFileName().toString(), "gzip stream is corrupt");
    }

    @Test
    void generateRefusesToReplaceAFileWithoutOverwrite() throws IOException {
        Path existing = tmp.resolve("train-images-idx3-ubyte");
        Files.writeString(existing, "precious");
        Path model = tmp.resolve("m.sgan");
        java.util.LinkedHashMap<String, float[]> t = new java.util.LinkedHashMap<>();
        sparkgan.config.GanConfig c = sparkgan.testing.TestData.tinyConfig();
        t.put("G", new float[sparkgan.gan.GanSpec.from(c).generator().paramCount()]);
        t.put("D", new float[sparkgan.gan.GanSpec.from(c).discriminatorParams()]);
        new sparkgan.io.ModelFile("model", 1, c.asMap(), t).write(model.toString());
        assertBadInput(CliRun.of("generate", "--model", model.toString(), "--count", "4", "--out", existing.toString()),
                "--out", existing.toString(), "--overwrite");
        assertEquals("precious", Files.readString(existing), "the existing file was touched");
        assertEquals(0, CliRun.of("generate", "--model", model.toString(), "--count", "4", "--out", existing.toString(), "--overwrite").exitCode());
        assertEquals(16 + 4 * 784, Files.size(existing), "--overwrite replaces it with the samples");
    }

    @Test
    void evaluateRefusesToReplaceItsJsonWithoutOverwrite() throws IOException {
        Path json = tmp.resolve("result.json");
        Files.writeString(json, "{}");
        Path samples = images("s-idx3-ubyte", 0x803, 10, 28, 28, 7840, false);
        // Refused before the classifier is trained or anything is read.
        assertBadInput(CliRun.of("evaluate", "--samples", samples.toString(), "--out", json.toString()), "--out", "--overwrite");
        assertEquals("{}", Files.readString(json));
    }
}
