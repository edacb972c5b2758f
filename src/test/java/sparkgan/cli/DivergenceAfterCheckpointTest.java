package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.io.RunLock;
import sparkgan.testing.CliRun;
import sparkgan.testing.TestData;

/**
 * A run that diverges after it has written checkpoints (SGD at learning rate 1 on a small MLP: the
 * gradients pass the exact sum's range within a few iterations; 5 on MNIST) stops with the one line
 * and exit 3, naming the newest checkpoint as the last good one; it writes no checkpoint or model of
 * the diverged iteration, every checkpoint before it stays as written (finite, the weights of a run
 * that stopped there undisturbed), and {@code --resume} reads the newest one and continues to the
 * same divergence, bit for bit.
 */
class DivergenceAfterCheckpointTest {
    private static final Pattern DIVERGED = Pattern.compile("error: training diverged at iteration (\\d+): .*");

    /** The in-process engine: what is checked here is the run directory's, the same on Spark (CrashSafetyTest diverges on Spark). */
    private static final String ENGINE = "local";

    @TempDir
    Path tmp;

    private static String[] trainArgs(Path out, int steps) {
        return new String[] {"train", "--engine", ENGINE, "--data", TestData.mnistDir().toString(),
                "--out", out.toString(), "--steps", Integer.toString(steps), "--batch", "16", "--partitions", "3",
                "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1", "--set", "data.limit=900",
                "--set", "out.sampleEvery=0", "--set", "g.ema=0.9",
                "--set", "d.optimizer=sgd", "--set", "g.optimizer=sgd", "--set", "d.lr=1", "--set", "g.lr=1",
                "--set", "out.checkpointEvery=1", "--set", "out.checkpointSeconds=0", "--set", "out.keepCheckpoints=100"};
    }

    /** Each checkpoint file's iteration and bytes. */
    private static Map<Long, byte[]> checkpoints(Path run) throws Exception {
        Map<Long, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                assertTrue(n.matches("ckpt-\\d{7}\\.sgan"), "only checkpoints in checkpoints/, no temporaries: " + n);
                out.put(Long.parseLong(n.substring(5, 12)), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static List<String> leftovers(Path run) throws Exception {
        List<String> tmps = new ArrayList<>();
        try (Stream<Path> all = Files.walk(run)) {
            all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).forEach(tmps::add);
        }
        return tmps;
    }

    @Test
    void divergenceAfterACheckpointKeepsItWholeAndResumable() throws Exception {
        Path run = tmp.resolve("diverged");
        CliRun r = CliRun.of(trainArgs(run, 60));
        assertEquals(Main.EXIT_DIVERGED, r.exitCode(), r.stderr());
        assertEquals(1, r.errorLines().length, r.stderr());
        String line = r.errorLines()[0];
        Matcher m = DIVERGED.matcher(line);
        assertTrue(m.matches(), line);
        long at = Long.parseLong(m.group(1));
        assertTrue(at >= 3 && at < 60, "diverges after two checkpoints at least, before the end: " + line);
        Path last = run.resolve("checkpoints").resolve(String.format("ckpt-%07d.sgan", at - 1));
        assertTrue(line.endsWith("; the last good checkpoint is " + "file:" + last.toAbsolutePath()), line);

        // A checkpoint of every iteration before the divergence, none of it or after it; no model.
        Map<Long, byte[]> written = checkpoints(run);
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i < at; i++) {
            expected.add(i);
        }
        assertEquals(expected, new ArrayList<>(written.keySet()));
        assertFalse(Files.exists(run.resolve("model.sgan")), "no model of the diverged state");
        assertFalse(Files.exists(run.resolve("samples/final.png")), "no samples of the diverged state");
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock is released");
        assertEquals(List.of(), leftovers(run), "no temporaries left");
        for (Map.Entry<Long, byte[]> e : written.entrySet()) {
            ModelFile f = ModelFile.fromBytes(e.getValue(), "ckpt " + e.getKey());
            assertEquals("checkpoint", f.kind());
            assertEquals(e.getKey(), f.iteration());
            for (Map.Entry<String, float[]> t : f.tensors().entrySet()) {
                for (float v : t.getValue()) {
                    assertTrue(Float.isFinite(v), "checkpoint " + e.getKey() + " tensor " + t.getKey() + " holds " + v);
                }
            }
        }

        // The newest checkpoint is the state of a run that ended there without diverging.
        Path undisturbed = tmp.resolve("undisturbed");
        CliRun u = CliRun.of(trainArgs(undisturbed, (int) at - 1));
        assertEquals(0, u.exitCode(), u.stderr());
        ModelFile model = ModelFile.read(undisturbed.resolve("model.sgan").toString());
        ModelFile newest = ModelFile.fromBytes(written.get(at - 1), "newest");
        assertEquals(at - 1, model.iteration());
        for (String t : new String[] {"G", "D", ModelFile.G_AVERAGE}) {
            assertArrayEquals(model.tensor(t), newest.tensor(t), t + " of the newest checkpoint");
        }

        // --resume reads it (no warning) and continues from it to the same divergence, the same line.
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        CliRun resumed;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            resumed = CliRun.of("train", "--resume", run.toString(), "--steps", "60", "--engine", ENGINE);
        } finally {
            System.setOut(stdout);
        }
        assertEquals(Main.EXIT_DIVERGED, resumed.exitCode(), resumed.stderr());
        String said = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(said.contains("resuming from iteration " + (at - 1) + " up to 60"), said);
        assertEquals(List.of(line), List.of(resumed.errorLines()), "resumed from iteration " + (at - 1));
        Map<Long, byte[]> after = checkpoints(run);
        assertEquals(written.keySet(), after.keySet());
        for (long i : written.keySet()) {
            assertArrayEquals(written.get(i), after.get(i), "checkpoint " + i + " is left as it was");
        }
        assertFalse(Files.exists(run.resolve("model.sgan")));
        assertFalse(Files.exists(run.resolve(RunLock.FILE)));
    }
}
