package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkgan.testing.CliRun;
import sparkgan.testing.TestData;

/** {@code bench} runs every case it is given and reports a row of measurements for each. */
class BenchTest {
    @Test
    void everyCaseGetsARowOfPositiveMeasurements() {
        String[] run = new String[1];
        CliRun r = capturingStdout(run, "bench", "--presets", "seed", "--batches", "32", "--engines", "inprocess-1,local[2]", "--steps", "3",
                "--warmup", "1", "--data", TestData.mnistDir().toString(), "--set", "data.limit=2000");
        String out = run[0];
        assertEquals(0, r.exitCode(), r.stderr() + out);
        List<String[]> rows = tableRows(out, "\\| seed \\|.*");
        assertEquals(2, rows.size(), out);
        assertTrue(rows.get(0)[4].contains("inprocess-1") && rows.get(1)[4].contains("local[2]"), out);
        for (String[] row : rows) {
            double imagesPerSecond = Double.parseDouble(row[5].trim().replace(",", ""));
            double msPerIteration = Double.parseDouble(row[6].trim().replace(",", ""));
            assertTrue(imagesPerSecond > 0 && msPerIteration > 0, String.join("|", row));
        }
    }

    /** {@code --partitions 0}: one partition per task slot, read from the engine's name. */
    @Test
    void taskSlotsComeFromTheEngineName() {
        assertEquals(3, BenchCommand.taskSlots("inprocess-3"));
        assertEquals(2, BenchCommand.taskSlots("local[2]"));
        assertEquals(8, BenchCommand.taskSlots("local-cluster[4,2,2048]"));
        assertEquals(1, BenchCommand.taskSlots("local-cluster[1, 1, 1024]"));
        sparkgan.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(sparkgan.BadInputException.class,
                () -> BenchCommand.taskSlots("spark://host:7077"));
        assertTrue(e.getMessage().contains("--partitions 0") && e.getMessage().contains("spark://host:7077"), e.getMessage());
        assertTrue(BenchCommand.namesTaskSlots("local[4]") && !BenchCommand.namesTaskSlots("local[*]"));
    }

    /**
     * {@code bench --model}: a row per link and batch for each preset, efficiencies that fall with
     * more executors and rise with larger batches, the 80 % table and a PNG plot per preset.
     */
    @Test
    void theModelPrintsTablesAndPlotsPerPreset(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[] run = new String[1];
        CliRun r = capturingStdout(run, "bench", "--model", "--presets", "mlp,dcgan", "--model-out", dir.toString());
        String out = run[0];
        assertEquals(0, r.exitCode(), r.stderr() + out);
        for (String preset : List.of("mlp", "dcgan")) {
            String section = out.substring(out.indexOf("### `" + preset + "`"));
            List<double[]> efficiencies = section.lines().filter(l -> l.matches("\\| \\d+ Gbit/s \\| \\d+ \\|.*")).limit(12)
                    .map(l -> java.util.regex.Pattern.compile("\\((\\d+) %\\)").matcher(l).results()
                            .mapToDouble(m -> Double.parseDouble(m.group(1))).toArray())
                    .toList();
            assertEquals(12, efficiencies.size(), section);
            for (double[] row : efficiencies) {
                assertEquals(6, row.length, section);
                for (int i = 1; i < row.length; i++) {
                    assertTrue(row[i] <= row[i - 1], "efficiency rises with executors: " + section);
                }
            }
            for (int b = 1; b < 4; b++) {  // 1 Gbit/s rows, batches 64..4096, at 8 executors
                assertTrue(efficiencies.get(b)[2] > efficiencies.get(b - 1)[2], "efficiency falls with batch: " + section);
            }
            assertTrue(section.contains("reaches 80 %"), section);
            byte[] png = java.nio.file.Files.readAllBytes(dir.resolve("scaling-" + preset + ".png"));
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', preset + " plot");
        }
        CliRun bad = capturingStdout(run, "bench", "--model", "--presets", "seed", "--model-out", dir.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("no measured kernel for preset seed"), bad.stderr());
    }

    /** {@code bench --scaling}: options it cannot measure a line with are refused in one line, before any data is read. */
    @Test
    void scalingRefusesExecutorCountsWithoutALine() {
        String[] run = new String[1];
        CliRun noOne = capturingStdout(run, "bench", "--scaling", "--executors", "2,3", "--data", "/nonexistent/mnist");
        assertEquals(2, noOne.exitCode());
        assertTrue(noOne.stderr().contains("--executors [2, 3]") && noOne.stderr().contains("including 1"), noOne.stderr());
        CliRun single = capturingStdout(run, "bench", "--scaling", "--executors", "1,1", "--data", "/nonexistent/mnist");
        assertEquals(2, single.exitCode());
        assertTrue(single.stderr().contains("two counts at least"), single.stderr());
        CliRun master = capturingStdout(run, "bench", "--scaling", "--standalone", "yarn", "--data", "/nonexistent/mnist");
        assertEquals(2, master.exitCode());
        assertTrue(master.stderr().contains("--standalone yarn: expected a standalone master URL"), master.stderr());
    }

    /**
     * {@code bench --soak}: a row at iteration 0, every --soak-every after it and at the last iteration,
     * each with the heap of the driver and of every executor (in local[2] the driver is the executor)
     * after a full GC, and the time per iteration of the window before it.
     */
    @Test
    void soakSamplesDriverAndExecutorHeaps() {
        String[] run = new String[1];
        CliRun r = capturingStdout(run, "bench", "--soak", "5", "--soak-every", "2", "--presets", "mlp", "--batches", "32",
                "--engines", "local[2]", "--data", TestData.mnistDir().toString(), "--set", "data.limit=2000");
        String out = run[0];
        assertEquals(0, r.exitCode(), r.stderr() + out);
        List<String[]> rows = tableRows(out, "\\| [0-9]+ \\|.*");
        assertEquals(List.of("0", "2", "4", "5"), rows.stream().map(row -> row[1].trim()).toList(), out);
        double max = Runtime.getRuntime().maxMemory() / 1e6;
        for (String[] row : rows) {
            String executors = row[3].trim();
            assertTrue(executors.matches("driver: [0-9]+"), "one executor, the driver: " + String.join("|", row));
            double heap = Double.parseDouble(executors.substring("driver: ".length()));
            assertTrue(heap > 0 && heap < max, String.join("|", row));
            double msPerIteration = Double.parseDouble(row[6].trim());
            assertTrue(row[1].trim().equals("0") ? msPerIteration == 0 : msPerIteration > 0, String.join("|", row));
        }
        CliRun bad = capturingStdout(run, "bench", "--soak", "4", "--soak-every", "0", "--data", "/nonexistent/mnist");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("--soak-every 0: expected at least 1"), bad.stderr());
    }

    /** {@code bench --kernels}: a row for every layer with weights (convolutions, transposed convolutions, dense) of G and D. */
    @Test
    void kernelsGetARowPerWeightedLayer() {
        String[] run = new String[1];
        CliRun r = capturingStdout(run, "bench", "--kernels", "--presets", "dcgan", "--batches", "4", "--set", "dcgan.width=4");
        String out = run[0];
        assertEquals(0, r.exitCode(), r.stderr() + out);
        List<String[]> rows = tableRows(out, "\\| dcgan \\|.*");
        // G: dense, two transposed convolutions; D: two convolutions, dense.
        assertEquals(List.of("G", "G", "G", "D", "D", "D"), rows.stream().map(row -> row[2].trim()).toList(), out);
        for (String[] row : rows) {
            assertTrue(Double.parseDouble(row[5].trim()) >= 0 && Double.parseDouble(row[6].trim()) > 0, String.join("|", row));
        }
    }

    /** The cells of the table rows that match {@code rowPattern} (cell i of a row is element i: element 0 is before the first bar). */
    private static List<String[]> tableRows(String out, String rowPattern) {
        return out.lines().filter(l -> l.matches(rowPattern)).map(l -> l.split("\\|")).toList();
    }

    /** Runs the command line with stdout captured into {@code out[0]} ({@code bench} prints its table there). */
    private static CliRun capturingStdout(String[] out, String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            return CliRun.of(args);
        } finally {
            System.setOut(saved);
            out[0] = captured.toString(StandardCharsets.UTF_8);
        }
    }
}
