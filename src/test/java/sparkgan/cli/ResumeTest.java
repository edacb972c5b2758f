package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.CliRun;
import sparkgan.testing.TestData;

/**
 * A run killed with SIGKILL between checkpoints and resumed ends bit-identical to an uninterrupted
 * run (with the state beyond the weights and optimizers: the average of G, spectral normalisation's
 * vectors, the schedule's position), and generate writes byte-identical files for both. A corrupt
 * newest checkpoint is skipped.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    private static final int STEPS = 60;

    private String[] trainArgs(Path out, int steps) {
        return new String[] {"train", "--master", "local[2]", "--data", TestData.mnistDir().toString(),
                "--out", out.toString(), "--steps", Integer.toString(steps), "--batch", "16", "--partitions", "3",
                "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1", "--set", "data.limit=900",
                "--set", "out.checkpointEvery=10", "--set", "out.sampleEvery=20", "--set", "out.keepCheckpoints=2",
                // An average of G, D's singular-vector estimates and a learning-rate schedule: they must
                // survive the kill and the resume as well.
                "--set", "g.ema=0.9", "--set", "d.spectralNorm=true",
                "--set", "train.lrSchedule=linear", "--set", "train.lrDecaySteps=100", "--set", "train.lrFinal=0.1"};
    }

    @Test
    void killedAndResumedRunEqualsUninterruptedRun() throws Exception {
        Path whole = tmp.resolve("whole");
        CliRun r = CliRun.of(trainArgs(whole, STEPS));
        assertEquals(0, r.exitCode(), r.stderr());

        // The same run in its own JVM, killed -9 once its second checkpoint exists (between checkpoints).
        Path killed = tmp.resolve("killed");
        // Many more steps than we let it run: it must be killed, not finish.
        Process p = ChildJvm.start(tmp.resolve("killed.log"), List.of(), trainArgs(killed, 100_000));
        Path second = killed.resolve("checkpoints/ckpt-0000020.sgan");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(second) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(second), "no checkpoint 20 in time: " + Files.readString(tmp.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(killed.resolve("model.sgan")));

        // The rows up to the newest checkpoint stay as the killed run wrote them: a resume that silently
        // started over from iteration 0 would rewrite them (with other step times).
        long at;
        try (var files = Files.list(killed.resolve("checkpoints"))) {
            at = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+\\.sgan"))
                    .mapToLong(n -> Long.parseLong(n.substring(5, 12))).max().orElseThrow();
        }
        List<String> before = Files.readAllLines(killed.resolve("metrics.csv")).subList(0, (int) at + 1);
        CliRun resumed = CliRun.of("train", "--resume", killed.toString(), "--steps", Integer.toString(STEPS), "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertEquals(before, Files.readAllLines(killed.resolve("metrics.csv")).subList(0, (int) at + 1),
                "resumed from iteration " + at + ", keeping the rows before it");

        ModelFile a = ModelFile.read(whole.resolve("model.sgan").toString());
        ModelFile b = ModelFile.read(killed.resolve("model.sgan").toString());
        assertEquals(STEPS, b.iteration());
        assertArrayEquals(a.tensor("G"), b.tensor("G"), "G differs after kill and resume");
        assertArrayEquals(a.tensor("D"), b.tensor("D"), "D differs after kill and resume");
        assertArrayEquals(a.tensor("G.ema"), b.tensor("G.ema"), "the average of G differs after kill and resume");
        assertFalse(java.util.Arrays.equals(a.tensor("G"), a.tensor("G.ema")), "the average should not be G itself");
        Path ga = tmp.resolve("a.idx");
        Path gb = tmp.resolve("b.idx");
        assertEquals(0, CliRun.of("generate", "--model", whole.toString(), "--count", "50", "--out", ga.toString()).exitCode());
        assertEquals(0, CliRun.of("generate", "--model", killed.toString(), "--count", "50", "--out", gb.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(ga), Files.readAllBytes(gb));
        // metrics.csv: one row per iteration, no duplicates from the replayed steps.
        List<String> rows = Files.readAllLines(killed.resolve("metrics.csv"));
        assertEquals(STEPS + 1, rows.size());
        for (int i = 1; i <= STEPS; i++) {
            assertTrue(rows.get(i).startsWith(i + ","), rows.get(i));
        }
        // Only the newest checkpoints are kept; generate accepts a checkpoint as the model.
        try (var files = Files.list(killed.resolve("checkpoints"))) {
            assertEquals(2, files.count());
        }
        assertEquals(0, CliRun.of("generate", "--model", killed.resolve("checkpoints/ckpt-0000060.sgan").toString(),
                "--count", "4", "--out", tmp.resolve("c.png").toString()).exitCode());
    }

    @Test
    void corruptNewestCheckpointIsReportedAndSkipped() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of(trainArgs(run, 20)).exitCode());
        // Damage the newest checkpoint (20); resume must fall back to 10, then reach 30.
        Path newest = run.resolve("checkpoints/ckpt-0000020.sgan");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun resumed = CliRun.of("train", "--resume", run.toString(), "--steps", "30", "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("skipping checkpoint") && resumed.stderr().contains("ckpt-0000020"), resumed.stderr());
        assertEquals(30, ModelFile.read(run.resolve("model.sgan").toString()).iteration());
        // And a run compared against: 30 straight steps give the same weights.
        Path straight = tmp.resolve("straight");
        assertEquals(0, CliRun.of(trainArgs(straight, 30)).exitCode());
        assertArrayEquals(ModelFile.read(straight.resolve("model.sgan").toString()).tensor("G"),
                ModelFile.read(run.resolve("model.sgan").toString()).tensor("G"));
    }
}
