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
        List<String[]> rows = out.lines().filter(l -> l.startsWith("| seed |")).map(l -> l.split("\\|")).toList();
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

    /** {@code bench --kernels}: a row for every layer with weights (convolutions, transposed convolutions, dense) of G and D. */
    @Test
    void kernelsGetARowPerWeightedLayer() {
        String[] run = new String[1];
        CliRun r = capturingStdout(run, "bench", "--kernels", "--presets", "dcgan", "--batches", "4", "--set", "dcgan.width=4");
        String out = run[0];
        assertEquals(0, r.exitCode(), r.stderr() + out);
        List<String[]> rows = out.lines().filter(l -> l.startsWith("| dcgan |")).map(l -> l.split("\\|")).toList();
        // G: dense, two transposed convolutions; D: two convolutions, dense.
        assertEquals(List.of("G", "G", "G", "D", "D", "D"), rows.stream().map(row -> row[2].trim()).toList(), out);
        for (String[] row : rows) {
            assertTrue(Double.parseDouble(row[5].trim()) >= 0 && Double.parseDouble(row[6].trim()) > 0, String.join("|", row));
        }
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
