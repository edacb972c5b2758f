package sparkgan.cli;

import sparkgan.run.RunDirectory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.io.RunLock;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.CliRun;
import sparkgan.testing.ReportCheck;
import sparkgan.testing.TestData;

/**
 * A run survives SIGKILL at any moment: the wall-clock checkpoint bounds the loss, the killed run's
 * lock and temporaries do not stand in the way, a run killed before its first checkpoint starts over
 * with its saved configuration, and a second trainer on the same directory is refused.
 */
class CrashSafetyTest {
    @TempDir
    Path tmp;

    private static List<String> trainArgs(Path out, long steps, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--master", "local[2]", "--data", TestData.mnistDir().toString(),
                "--out", out.toString(), "--steps", Long.toString(steps), "--batch", "16", "--partitions", "3",
                "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1", "--set", "data.limit=900",
                "--set", "out.sampleEvery=0", "--set", "g.ema=0.9"));
        a.addAll(List.of(extra));
        return a;
    }

    private static CliRun cli(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    private static long newestCheckpoint(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+\\.sgan"))
                    .mapToLong(n -> Long.parseLong(n.substring(5, n.length() - 5))).max().orElse(-1);
        }
    }

    private static void assertSameWeights(Path a, Path b) {
        ModelFile x = ModelFile.read(a.resolve("model.sgan").toString());
        ModelFile y = ModelFile.read(b.resolve("model.sgan").toString());
        assertEquals(x.iteration(), y.iteration());
        for (String t : new String[] {"G", "D", "G.ema"}) {
            assertArrayEquals(x.tensor(t), y.tensor(t), t + " differs");
        }
    }

    @Test
    void killedAfterTheFirstTimedCheckpointAndResumedEqualsAnUndisturbedRun() throws Exception {
        // Only the wall clock writes checkpoints here (the first one a second after the start).
        Path killed = tmp.resolve("killed");
        Process p = ChildJvm.start(tmp.resolve("killed.log"), List.of(),
                trainArgs(killed, 1_000_000, "--set", "out.checkpointEvery=0", "--set", "out.checkpointSeconds=1").toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && (!Files.isDirectory(killed.resolve("checkpoints")) || newestCheckpoint(killed) < 0)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run ended by itself: " + Files.readString(tmp.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long at = newestCheckpoint(killed);
        assertTrue(at > 0, "no timed checkpoint in time: " + Files.readString(tmp.resolve("killed.log")));
        assertTrue(Files.exists(killed.resolve(RunLock.FILE)), "the killed run leaves its lock behind");

        long target = at + 25;
        CliRun resumed = CliRun.of("train", "--resume", killed.toString(), "--steps", Long.toString(target), "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertTrue(resumed.stderr().contains("stale lock"), resumed.stderr());
        assertFalse(Files.exists(killed.resolve(RunLock.FILE)), "released at the end");

        Path whole = tmp.resolve("whole");
        CliRun straight = cli(trainArgs(whole, target, "--set", "out.checkpointEvery=0", "--set", "out.checkpointSeconds=0"));
        assertEquals(0, straight.exitCode(), straight.stderr());
        assertSameWeights(whole, killed);
        List<String> rows = Files.readAllLines(killed.resolve("metrics.csv"));
        assertEquals(target + 1, rows.size(), "one metrics row per iteration, none repeated");
    }

    @Test
    void runKilledBeforeItsFirstCheckpointStartsOverWithItsSavedConfiguration() throws Exception {
        Path whole = tmp.resolve("whole");
        assertEquals(0, cli(trainArgs(whole, 20, "--set", "out.checkpointSeconds=0")).exitCode());
        // What a kill in the first seconds leaves: the configuration, some metrics, a temporary, the lock.
        Path early = tmp.resolve("early");
        Files.createDirectories(early);
        Files.copy(whole.resolve("config.properties"), early.resolve("config.properties"));
        Files.writeString(early.resolve("metrics.csv"), Files.readAllLines(whole.resolve("metrics.csv")).subList(0, 6).stream()
                .reduce("", (x, y) -> x + y + "\n"));
        Path temporary = early.resolve(".metrics.csv.0b5f6f1e-3a56-4c1e-9e0a-2f4b8d1c7e90.tmp");
        Files.writeString(temporary, "half");
        // The lock as a killed trainer leaves it: its host, id and start time. With the start time the
        // lock stays stale even if another process gets the id meanwhile (an id alone would then look held).
        Process gone = new ProcessBuilder("sleep", "60").start();
        String started = gone.toHandle().info().startInstant().orElseThrow().toString();
        gone.destroyForcibly();
        gone.waitFor();
        Files.writeString(early.resolve(RunLock.FILE), "host=" + java.net.InetAddress.getLocalHost().getHostName() + "\npid=" + gone.pid()
                + "\nstarted=" + started + "\n");

        CliRun resumed = CliRun.of("train", "--resume", early.toString(), "--steps", "20", "--master", "local[2]");
        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertSameWeights(whole, early);
        assertEquals(21, Files.readAllLines(early.resolve("metrics.csv")).size(), "the old rows are cut back to iteration 0");
        assertFalse(Files.exists(temporary), "leftover temporaries are removed");
    }

    @Test
    void aSecondTrainerOnTheSameRunIsRefused() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, cli(trainArgs(run, 10, "--set", "out.checkpointSeconds=0")).exitCode());
        byte[] model = Files.readAllBytes(run.resolve("model.sgan"));
        try (RunLock held = RunLock.acquire(run.toString(), w -> { })) {
            CliRun second = CliRun.of("train", "--resume", run.toString(), "--steps", "20", "--master", "local[2]");
            assertEquals(2, second.exitCode(), second.stderr());
            assertEquals(1, second.errorLines().length, second.stderr());
            assertTrue(second.errorLines()[0].contains("in use by process " + ProcessHandle.current().pid()), second.stderr());
        }
        assertArrayEquals(model, Files.readAllBytes(run.resolve("model.sgan")), "the refused trainer wrote nothing");
    }

    @Test
    void divergenceStopsWithOneLineAndWritesNoWeights() throws Exception {
        Path run = tmp.resolve("diverged");
        CliRun r = cli(trainArgs(run, 50, "--set", "d.optimizer=sgd", "--set", "g.optimizer=sgd",
                "--set", "d.lr=1e30", "--set", "g.lr=1e30", "--set", "out.checkpointSeconds=0"));
        assertEquals(Main.EXIT_DIVERGED, r.exitCode(), r.stderr());
        assertEquals(1, r.errorLines().length, r.stderr());
        String line = r.errorLines()[0];
        assertTrue(line.startsWith("error: training diverged at iteration ") && line.contains("step")
                && line.contains("no checkpoint was written before it"), line);
        assertFalse(Files.exists(run.resolve("model.sgan")), "no model from diverged weights");
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock is released");
    }

    @Test
    void outOfMemoryIsOneLineNamingTheKnob() throws Exception {
        Path model = tmp.resolve("small");
        assertEquals(0, cli(trainArgs(model, 2, "--set", "out.checkpointSeconds=0")).exitCode());
        Path log = tmp.resolve("oom.log");
        // A million samples are 3 GB of floats: more than a 64 MB heap holds.
        Process p = ChildJvm.start(log, List.of("-Xmx64m"), "generate", "--model", model.toString(), "--count", "1000000",
                "--out", tmp.resolve("many.idx").toString());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        // The JVM's own notices (conf/java-options' vector module, whatever else this JVM warns of) may
        // come before or beside it; ours is the one other line.
        List<String> lines = ChildJvm.ownLines(Files.readString(log));
        assertEquals(Main.EXIT_FAILURE, p.exitValue(), String.join("\n", lines));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("error: out of memory") && lines.get(0).contains("SPARKGAN_JAVA_OPTS"), lines.get(0));
    }

    @Test
    void sigtermStopsAfterTheIterationWithACheckpointAndExit130() throws Exception {
        Path run = tmp.resolve("stopped");
        Path log = tmp.resolve("stopped.log");
        Process p = ChildJvm.start(log, List.of(), trainArgs(run, 1_000_000, "--set", "out.checkpointEvery=5", "--set", "out.checkpointSeconds=0")
                .toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && (!Files.isDirectory(run.resolve("checkpoints")) || newestCheckpoint(run) < 10)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), Files.readString(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
        assertEquals(RunDirectory.EXIT_INTERRUPTED, p.exitValue(), Files.readString(log));
        long at = newestCheckpoint(run);
        String text = Files.readString(log);
        assertTrue(text.contains("stopped at iteration " + at + "; checkpoint ") && text.contains("continue with: train --resume " + run), text);
        assertEquals(at + 1, Files.readAllLines(run.resolve("metrics.csv")).size(), "metrics up to the stop");
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock is released on a clean stop");
        ReportCheck.assertDescribes(run, TestData.mnistDir().toString());
    }

    @Test
    void theTimeBudgetEndsTheRunAsIfItWereTheLastStep() throws Exception {
        Path run = tmp.resolve("budget");
        CliRun r = cli(trainArgs(run, 1_000_000, "--set", "train.maxSeconds=3", "--set", "out.checkpointSeconds=0"));
        assertEquals(0, r.exitCode(), r.stderr());
        ModelFile model = ModelFile.read(run.resolve("model.sgan").toString());
        assertTrue(model.iteration() > 0 && model.iteration() < 1_000_000, "stopped at " + model.iteration());
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(model.iteration() + 1, rows.size());
        double elapsed = Double.parseDouble(rows.get(rows.size() - 1).split(",")[6]);
        assertTrue(elapsed >= 2.5 && elapsed < 30, "elapsed " + elapsed);
        assertTrue(Files.exists(run.resolve("samples/final.png")));
    }
}
