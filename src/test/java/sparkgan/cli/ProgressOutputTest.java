package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.report.ProgressReporter;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.TestData;

/**
 * How training shows its progress, as ProgressReporter decides it: with stdout on a terminal (a
 * console, and no CI variable) a bar redrawn in place on one line; otherwise (a file, a pipe, CI)
 * a plain line every out.logEvery iterations and at the last. Checked on the class (the cadence and
 * the line); through {@code train} in this JVM, whose stdout is Surefire's pipe; and the decision as
 * train makes it, in a child JVM with stdout to a file, and on a pseudo-terminal (util-linux
 * {@code script}; skipped where it is missing) with and without CI set.
 */
class ProgressOutputTest {

    @TempDir
    Path tmp;

    private static sparkgan.train.IterationMetrics metrics(long step) {
        return new sparkgan.train.IterationMetrics(step, 0.5, 1.25, new sparkgan.train.IterationMetrics.DOutputs(0.9, 0.1, 0.75),
                0.1, 0.1 * step);
    }

    /** What a reporter of 25 steps (batch 16, a line every 10) writes to out when fed steps first+1..25. */
    private static String report(long first, boolean terminal) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ProgressReporter p = new ProgressReporter(first, 25, 16, 10, new PrintStream(buf, true, StandardCharsets.UTF_8), terminal)) {
            for (long s = first + 1; s <= 25; s++) {
                p.update(metrics(s));
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalALineEveryLogEveryIterationsAndAtTheLast() {
        List<String> lines = report(0, false).lines().toList();
        assertEquals(List.of(ProgressReporter.line(metrics(10), 25, 16, 0), ProgressReporter.line(metrics(20), 25, 16, 0),
                ProgressReporter.line(metrics(25), 25, 16, 0)), lines);
        assertEquals("step 10/25  d_loss 0.5000  g_loss 1.2500  D(x) 0.900  D(G(z)) 0.100  D acc 0.75  100 ms/step  10.0 it/s  320 img/s  ETA 0m02s",
                lines.get(0));

        // A resumed run counts on from its iteration; the plain path is the one that writes to out.
        assertEquals(List.of(20L, 25L), steps(report(12, false), 25));
    }

    @Test
    void onATerminalTheBarWritesNoPlainLines() {
        assertEquals("", report(0, true), "the bar draws on the terminal (stderr), no line goes to stdout");
    }

    private static List<Long> steps(String text, long total) {
        Matcher m = Pattern.compile("(?m)^step (\\d+)/" + total + "  d_loss ").matcher(text);
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /**
     * Run in a child JVM: what ProgressReporter.stdoutIsTerminal() decides, then the reporter as train
     * makes it (on System.out, with that decision) fed 25 iterations, logEvery 10.
     */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            boolean terminal = ProgressReporter.stdoutIsTerminal();
            System.out.println("terminal=" + terminal);
            try (ProgressReporter p = new ProgressReporter(0, 25, 16, 10, System.out, terminal)) {
                for (long s = 1; s <= 25; s++) {
                    p.update(metrics(s));
                }
            }
            System.out.println("done");
        }
    }

    @Test
    void trainWritesPlainLinesWhenStdoutIsNotATerminal() throws Exception {
        // This JVM's stdout is Surefire's pipe: train in-process takes the path of a pipe or a log file.
        org.junit.jupiter.api.Assumptions.assumeFalse(ProgressReporter.stdoutIsTerminal(), "run from a terminal");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        sparkgan.testing.CliRun r;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            r = sparkgan.testing.CliRun.of("train", "--engine", "local", "--data", TestData.mnistDir().toString(),
                    "--out", tmp.resolve("run").toString(), "--steps", "20", "--batch", "16", "--partitions", "2",
                    "--set", "g.layers=4,8,784", "--set", "d.layers=784,8,1", "--set", "info.codes=0", "--set", "data.limit=200",
                    "--set", "out.sampleEvery=0", "--set", "out.logEvery=8", "--set", "out.checkpointSeconds=0");
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(8L, 16L, 20L), steps(text, 20), text);
        assertFalse(text.contains("\r") || text.contains("\u001b["), "no carriage return or cursor movement: " + text);
    }

    /** Runs {@code cmd} with stdin from /dev/null, CI set or not, and returns all it printed. */
    private String run(List<String> cmd, String ci, String name) throws Exception {
        Path log = tmp.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        pb.environment().remove("CI");
        if (ci != null) {
            pb.environment().put("CI", ci);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "train did not end");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** The command run on a pseudo-terminal (stdin and stdout), through util-linux script. */
    private List<String> onATerminal(List<String> cmd, String name) throws Exception {
        StringBuilder sh = new StringBuilder("exec");
        for (String a : cmd) {
            sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        Path script = Files.writeString(tmp.resolve(name + ".sh"), sh.append('\n').toString());
        return List.of("script", "-qec", "sh " + script, "/dev/null");
    }

    private static boolean hasScript() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "script"))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> probe() {
        return ChildJvm.command(List.of(), null, Probe.class.getName());
    }

    @Test
    void theDecisionInAChildJvmOnAFileOnATerminalAndInCi() throws Exception {
        // stdout a file: plain lines at 10, 20 and the last, nothing redrawn.
        String toFile = run(probe(), null, "file");
        assertTrue(toFile.contains("terminal=false") && toFile.contains("done"), toFile);
        assertEquals(List.of(10L, 20L, 25L), steps(toFile, 25), toFile);
        assertFalse(toFile.contains("\r") || toFile.contains("\u001b["), "no carriage return or cursor movement in a file: " + toFile);

        assumeTrue(hasScript(), "util-linux script is not installed: the terminal cases are not checked");
        // On a terminal (stdin and stdout): the bar, redrawn in place, and no plain line.
        String onTerminal = run(onATerminal(probe(), "tty"), null, "tty");
        assertTrue(onTerminal.contains("terminal=true") && onTerminal.contains("done"), onTerminal);
        assertEquals(List.of(), steps(onTerminal, 25), onTerminal);
        Matcher bar = Pattern.compile("train +\\d+% \\[[^\\]]*\\] +(\\d+)/25 it").matcher(onTerminal);
        List<Long> drawn = new ArrayList<>();
        while (bar.find()) {
            drawn.add(Long.parseLong(bar.group(1)));
        }
        // Drawn by the bar's own thread (every 500 ms, so how often varies) and once more when closed.
        assertTrue(drawn.size() >= 2 && drawn.get(drawn.size() - 1) == 25 && onTerminal.contains("train 100% "),
                "drawn, and at 25 of 25 when closed: " + drawn + " in " + onTerminal);
        assertTrue(onTerminal.contains("\u001b[1A") || onTerminal.replace("\r\n", "").contains("\r"),
                "redrawn in place (cursor up or carriage return): " + onTerminal);

        // On a terminal in CI: plain lines again.
        String inCi = run(onATerminal(probe(), "ci"), "true", "ci");
        assertTrue(inCi.contains("terminal=false"), inCi);
        assertEquals(List.of(10L, 20L, 25L), steps(inCi, 25), inCi);
        assertFalse(inCi.contains("\u001b[1A"), inCi);
    }
}
