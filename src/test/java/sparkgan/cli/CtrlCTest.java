package sparkgan.cli;

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
import sparkgan.io.Checkpoints;
import sparkgan.io.ModelFile;
import sparkgan.io.RunLock;
import sparkgan.run.RunDirectory;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.TestData;

/**
 * Ctrl-C as docs/RELIABILITY.md and the README promise it: a first SIGINT stops the run after the
 * current iteration with a checkpoint of that iteration, the report, the lock released, exit code 130
 * and the command that continues the run; a second one aborts at once (the JVM's own SIGINT: exit
 * 130) without waiting for the iteration, without the stop's checkpoint, and with every checkpoint
 * already written still whole. (CrashSafetyTest has SIGTERM.)
 */
class CtrlCTest {
    private static final String NOTICE = "signal INT: stopping after this iteration (again to abort)";

    @TempDir
    Path tmp;

    /**
     * The child behind {@code env --default-signal=INT} where coreutils has it: a test JVM started from
     * a shell's background job (as .ci/run starts some) has SIGINT ignored, its children inherit that,
     * and a JVM that starts with SIGINT ignored installs no handler for it.
     */
    private static List<String> launcher() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return List.of("env", "--default-signal=INT");
            }
        } catch (IOException | InterruptedException e) {
            // no such env: start the JVM directly
        }
        return List.of();
    }

    private static Process train(Path log, Path run, List<String> jvmOptions, String... settings) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--engine", "local", "--data", TestData.mnistDir().toString(),
                "--out", run.toString(), "--steps", "1000000", "--partitions", "2", "--set", "info.codes=0",
                "--set", "out.sampleEvery=0", "--set", "out.checkpointSeconds=0"));
        for (String s : settings) {
            args.addAll(List.of("--set", s));
        }
        return ChildJvm.startIn(null, launcher(), log, jvmOptions, null, "sparkgan.cli.Main", args.toArray(String[]::new));
    }

    private static void sigint(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT " + p.pid());
    }

    private static List<Long> checkpoints(Path run) throws IOException {
        Path dir = run.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+\\.sgan"))
                    .map(n -> Long.parseLong(n.substring(5, n.length() - 5))).sorted().toList();
        }
    }

    private static long newest(Path run) throws IOException {
        List<Long> all = checkpoints(run);
        return all.isEmpty() ? -1 : all.get(all.size() - 1);
    }

    private static void waitFor(Process p, Path log, long seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            assertTrue(p.isAlive(), "the run ended by itself: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "not in time: " + Files.readString(log));
            Thread.sleep(20);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    @Test
    void aFirstSigintStopsAfterTheIterationWithACheckpointAndExit130() throws Exception {
        Path run = tmp.resolve("stopped");
        Path log = tmp.resolve("stopped.log");
        // C1 only: iterations of milliseconds, the JVM's start is what takes time.
        Process p = train(log, run, List.of("-XX:TieredStopAtLevel=1"), "g.layers=16,32,784", "d.layers=784,32,1", "train.batch=16", "data.limit=900",
                "out.checkpointEvery=5");
        waitFor(p, log, 120, () -> newest(run) >= 10);
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after SIGINT");
        String text = Files.readString(log);
        assertEquals(RunDirectory.EXIT_INTERRUPTED, p.exitValue(), text);
        assertEquals(1, text.lines().filter(NOTICE::equals).count(), text);
        long at = newest(run);
        assertTrue(text.contains("stopped at iteration " + at + "; checkpoint ") && text.contains("continue with: train --resume " + run), text);
        assertEquals(at, ModelFile.read(run.resolve("checkpoints").resolve(String.format("ckpt-%07d.sgan", at)).toString()).iteration(),
                "the stop's checkpoint is of the iteration it stopped at");
        assertEquals(at + 1, Files.readAllLines(run.resolve("metrics.csv")).size(), "metrics up to the stop");
        assertTrue(Files.isRegularFile(run.resolve("report.html")), "the report is written");
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "the lock is released on a clean stop");
    }

    @Test
    void aSecondSigintAbortsAtOnce() throws Exception {
        Path run = tmp.resolve("aborted");
        Path log = tmp.resolve("aborted.log");
        // Iterations of seconds (batch 4096 through layers of 1024, two D steps), a checkpoint after each:
        // the second Ctrl-C comes while an iteration runs, long before it could end.
        Process p = train(log, run, List.of(), "g.layers=64,1024,784", "d.layers=784,1024,1", "train.batch=4096",
                "train.dSteps=2", "g.ema=0", "data.limit=5000", "out.checkpointEvery=1", "out.logEvery=1");
        // Right after the first checkpoint appears, the second iteration has all its seconds ahead.
        waitFor(p, log, 180, () -> newest(run) >= 1);
        long boundary = newest(run);
        long started = System.nanoTime();
        sigint(p);
        waitFor(p, log, 30, () -> Files.readString(log).contains(NOTICE));
        // The handler prints its notice, asks the trainer to stop, then gives SIGINT back to the JVM.
        Thread.sleep(100);
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after a second SIGINT");
        double seconds = (System.nanoTime() - started) / 1e9;
        String text = Files.readString(log);
        assertEquals(RunDirectory.EXIT_INTERRUPTED, p.exitValue(), text);
        assertFalse(text.contains("stopped at iteration"), "aborted, not stopped: " + text);
        // The iteration that ran when the signals came was abandoned: no metrics row, no checkpoint of it.
        long last = newest(run);
        assertEquals(boundary, last, "the newest checkpoint is the one before the signals; " + seconds + " s: " + text);
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(Long.toString(last), rows.get(rows.size() - 1).split(",")[0], "metrics end at that iteration");
        StringBuilder warnings = new StringBuilder();
        ModelFile kept = new Checkpoints(run.toString(), 3).newestValid(w -> warnings.append(w).append('\n'));
        assertEquals("", warnings.toString(), "every checkpoint left reads back whole");
        assertEquals(last, kept.iteration());
    }
}
