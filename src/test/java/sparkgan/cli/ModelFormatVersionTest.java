package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;

/**
 * A model file of a format version this build does not know is refused in one line naming the file,
 * the version it has and the version this build reads (exit 2, nothing written), however whole the
 * file is otherwise: the files here are a real model (of an earlier release) with only the version
 * field changed and the SHA-256 recomputed, and the same file with version 1 is read and generates.
 */
class ModelFormatVersionTest {
    private static final Path MODEL = Path.of(System.getProperty("project.basedir", "."),
            "src/test/resources/sparkgan/compat/model-2026-11-30.sgan");

    @TempDir
    Path tmp;

    /** The model's bytes with the version field (bytes 8-11, big-endian) set to {@code version}, the checksum recomputed. */
    private static byte[] withVersion(byte[] model, int version) throws Exception {
        byte[] b = model.clone();
        ByteBuffer.wrap(b).putInt(8, version);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(b, 0, b.length - 32);
        System.arraycopy(sha.digest(), 0, b, b.length - 32, 32);
        return b;
    }

    @Test
    void anUnknownVersionIsRefusedInOneLineNamingTheFileAndTheVersionExpected() throws Exception {
        byte[] model = Files.readAllBytes(MODEL);
        assertEquals(ModelFile.VERSION, ByteBuffer.wrap(model).getInt(8), "the base file is of today's version");

        // The control: the same bytes written back with version 1 (the checksum recomputed as below) generate.
        Path same = tmp.resolve("v1.sgan");
        Files.write(same, withVersion(model, 1));
        assertTrue(Arrays.equals(model, Files.readAllBytes(same)), "recomputing the checksum changes nothing else");
        Path ok = tmp.resolve("v1.png");
        CliRun accepted = CliRun.of("generate", "--model", same.toString(), "--count", "4", "--out", ok.toString());
        assertEquals(0, accepted.exitCode(), accepted.stderr());
        assertTrue(Files.isRegularFile(ok));

        for (int version : new int[] {2, 0, -1, 1 << 24}) {
            Path file = tmp.resolve("v" + version + ".sgan");
            Files.write(file, withVersion(model, version));
            String expected = file + ": format version " + version + ", this build reads version " + ModelFile.VERSION;

            assertEquals(expected, assertThrows(BadInputException.class, () -> ModelFile.read(file.toString())).getMessage());

            Path out = tmp.resolve("v" + version + ".png");
            CliRun generate = CliRun.of("generate", "--model", file.toString(), "--count", "4", "--out", out.toString());
            assertEquals(Main.EXIT_BAD_INPUT, generate.exitCode(), generate.stderr());
            assertEquals(List.of("error: " + expected), List.of(generate.errorLines()));
            assertFalse(Files.exists(out), "nothing written");

            CliRun inspect = CliRun.of("inspect", "--model", file.toString());
            assertEquals(Main.EXIT_BAD_INPUT, inspect.exitCode(), inspect.stderr());
            assertEquals(List.of("error: " + expected), List.of(inspect.errorLines()));
        }
    }
}
