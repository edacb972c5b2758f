package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.report.Charts;
import sparkgan.testing.CliRun;

/** {@code evaluate --run A --beside B}: B's quality.csv read back as written, and the curves of both on one plot. */
class QualityBesideTest {
    @Test
    void aQualityTableReadsBackPointByPoint(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("quality.csv");
        Files.writeString(csv, EvaluateCommand.QUALITY_HEADER + "\n1000,225.3,7.0200,13.3000,10,120.90,\n2000,NaN,7.7000,5.0000,9,136.60,0.9500\n",
                StandardCharsets.UTF_8);
        List<Charts.QualityPoint> points = EvaluateCommand.readQuality(csv.toUri().toString());
        assertEquals(2, points.size());
        assertEquals(new Charts.QualityPoint(1000, 225.3, 7.02, 13.3, 10, 120.9, Double.NaN), points.get(0));
        assertTrue(Double.isNaN(points.get(1).seconds()));
        assertEquals(0.95, points.get(1).asAsked(), 0);

        Map<String, List<Charts.QualityPoint>> runs = new LinkedHashMap<>();
        runs.put("mlp", points);
        runs.put("dcgan", List.of(new Charts.QualityPoint(1000, 150, 5.7, 29.9, 9, 100, Double.NaN)));
        byte[] png = Charts.timeToQualityBeside(runs).png();
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }

    @Test
    void aMalformedLineIsNamedInOneLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("quality.csv");
        Files.writeString(csv, EvaluateCommand.QUALITY_HEADER + "\n1000,225.3,seven,13.3,10,120.9,\n", StandardCharsets.UTF_8);
        BadInputException e = assertThrows(BadInputException.class, () -> EvaluateCommand.readQuality(csv.toUri().toString()));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("seven"), e.getMessage());
        Files.writeString(csv, "step,seconds,score\n1000,225.3,7.02\n", StandardCharsets.UTF_8);
        BadInputException header = assertThrows(BadInputException.class, () -> EvaluateCommand.readQuality(csv.toUri().toString()));
        assertTrue(header.getMessage().contains("expected the header"), header.getMessage());
    }

    private static void writeQuality(Path runDir) {
        try {
            Files.writeString(runDir.resolve("quality.csv"), EvaluateCommand.QUALITY_HEADER + "\n1000,225.3,7.0200,13.3000,10,120.90,\n",
                    StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void besideNeedsAJudgedRun(@TempDir Path dir) {
        CliRun r = CliRun.of("evaluate", "--run", dir.toString(), "--beside", dir.resolve("other").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--beside " + dir.resolve("other")) && r.stderr().contains("no quality.csv"), r.stderr());
        java.nio.file.Path twin = dir.resolve("a").resolve("quality-mlp");
        java.nio.file.Path other = dir.resolve("b").resolve("quality-mlp");
        for (java.nio.file.Path d : List.of(twin, other)) {
            d.toFile().mkdirs();
        }
        writeQuality(twin);
        writeQuality(other);
        CliRun same = CliRun.of("evaluate", "--run", dir.toString(), "--beside", twin.toString(), "--beside", other.toString());
        assertEquals(2, same.exitCode());
        assertTrue(same.stderr().contains("a second run named quality-mlp"), same.stderr());
        CliRun alone = CliRun.of("evaluate", "--samples", "x.idx", "--beside", dir.toString());
        assertEquals(2, alone.exitCode());
        assertTrue(alone.stderr().contains("--beside needs --run"), alone.stderr());
    }
}
