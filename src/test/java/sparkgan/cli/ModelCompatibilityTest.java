package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;

/**
 * The compatibility promise: model files of earlier releases, kept in src/test/resources/sparkgan/compat,
 * still load to the same tensors and generate the same images. Each file sits beside the IDX file its
 * release generated from it ({@code generate --count 16 --seed 5}). Pixels are compared to within one
 * grey level: G's forward pass goes through the machine's BLAS, whose summation order may move a
 * value across a rounding boundary.
 */
class ModelCompatibilityTest {
    private static final Path COMPAT = Path.of(System.getProperty("project.basedir", "."), "src/test/resources/sparkgan/compat");

    @TempDir
    Path tmp;

    @Test
    void modelOf2026_11_30LoadsAndGeneratesTheSameImages() throws Exception {
        Path model = COMPAT.resolve("model-2026-11-30.sgan");
        ModelFile f = ModelFile.read(model.toString());
        assertEquals(30, f.iteration());
        assertEquals("76f226c1f9bf0df17f8fdd8b5e44c25d052844448b5ba1739db360353af68ed2", InspectCommand.sha256(f.tensor("G")));
        assertEquals("79a4cc8c2a23e567d5d4ea0a0c0a7db33105a38afa2bae6565f4599dcdeb9e61", InspectCommand.sha256(f.tensor("D")));
        assertEquals("d94af3c71d6a3f6cb89256afe1e1ca78062d0083e4fdf5bd1239b747b104d01d", InspectCommand.sha256(f.tensor("G.ema")));

        Path out = tmp.resolve("now-idx3-ubyte");
        CliRun r = CliRun.of("generate", "--model", model.toString(), "--count", "16", "--seed", "5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        byte[] expected = Files.readAllBytes(COMPAT.resolve("model-2026-11-30.seed5-idx3-ubyte"));
        byte[] actual = Files.readAllBytes(out);
        assertEquals(expected.length, actual.length);
        int exact = 0;
        for (int i = 0; i < expected.length; i++) {
            int diff = Math.abs((expected[i] & 0xff) - (actual[i] & 0xff));
            assertTrue(diff <= 1, "byte " + i + ": " + (expected[i] & 0xff) + " then, " + (actual[i] & 0xff) + " now");
            exact += diff == 0 ? 1 : 0;
        }
        assertTrue(exact >= 0.99 * expected.length, exact + " of " + expected.length + " bytes identical");
    }
}
