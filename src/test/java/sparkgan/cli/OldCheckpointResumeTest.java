package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;

/**
 * A checkpoint written by an earlier release (commit 8b7ee16 of 2026-12-01: Adam for both networks,
 * G.ema, minibatch stddev; src/test/resources/sparkgan/fixtures/README.md says how it was made)
 * resumes with this build: {@code train --resume} continues from its iteration 3 to the next steps,
 * and it carries the Adam state over: the step count goes on from 3 (the checkpoint this build writes
 * at iteration 6 says 6, a fresh optimizer would say 3), and the moments as read move the weights
 * (the same file with its moments zeroed resumes to other weights).
 */
class OldCheckpointResumeTest {
    private static final Path FIXTURE = Path.of(System.getProperty("project.basedir", "."),
            "src/test/resources/sparkgan/fixtures/ckpt-8b7ee16-adam.sgan");
    private static final String[] ADAM_MOMENTS = {"G.optimizer.0", "G.optimizer.1", "D.optimizer.0", "D.optimizer.1"};

    @TempDir
    Path tmp;

    /**
     * The data the fixture was trained on, made again: 64 uncompressed 28x28 images, image i a white
     * disc of radius 4 + i % 8 centred at (14, 14) (pixels with (r-14)^2 + (c-14)^2 < radius^2).
     */
    static byte[] discs() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(0x803);
        out.writeInt(64);
        out.writeInt(28);
        out.writeInt(28);
        for (int i = 0; i < 64; i++) {
            int radius = 4 + i % 8;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    out.write((r - 14) * (r - 14) + (c - 14) * (c - 14) < radius * radius ? 255 : 0);
                }
            }
        }
        out.flush();
        return buf.toByteArray();
    }

    /** A run directory holding only {@code checkpoint} as its checkpoints/ckpt-0000003.sgan. */
    private Path runWith(String name, byte[] checkpoint) throws Exception {
        Path run = tmp.resolve(name);
        Files.createDirectories(run.resolve("checkpoints"));
        Files.write(run.resolve("checkpoints/ckpt-0000003.sgan"), checkpoint);
        return run;
    }

    private CliRun resume(Path run, Path data, int steps) {
        return CliRun.of("train", "--resume", run.toString(), "--data", data.toString(), "--steps", Integer.toString(steps),
                "--engine", "local");
    }

    @Test
    void aCheckpointOfAnEarlierReleaseResumesWithItsAdamState() throws Exception {
        ModelFile old = ModelFile.read(FIXTURE.toString());
        assertEquals(3, old.iteration());
        assertEquals("adam", old.config().get("g.optimizer"));
        assertEquals("adam", old.config().get("d.optimizer"));
        assertEquals(3f, old.tensor("G.optimizer.2")[0]);
        assertEquals(3f, old.tensor("D.optimizer.2")[0]);
        for (String t : ADAM_MOMENTS) {
            assertTrue(countNonZero(old.tensor(t)) > old.tensor(t).length / 2, t + " as stored is not zero");
        }

        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        byte[] images = discs();
        Files.write(data.resolve("train-images-idx3-ubyte"), images);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(images));
        assertTrue(old.lineage().get("data.files").contains(sha), "the data made again is the fixture's: " + old.lineage());

        Path run = runWith("resumed", Files.readAllBytes(FIXTURE));
        CliRun r = resume(run, data, 5);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), List.of(r.errorLines()), "no warning: the file reads whole and the data is the same");
        ModelFile model = ModelFile.read(run.resolve("model.sgan").toString());
        assertEquals(5, model.iteration());
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(List.of(4L, 5L), rows.stream().skip(1).map(l -> Long.parseLong(l.split(",")[0])).toList(),
                "the steps after the checkpoint's iteration 3: " + rows);
        assertFalse(Arrays.equals(old.tensor("G"), model.tensor("G")), "G trained on");

        // The checkpoint this build wrote at the end: Adam's step count went on from the 3 it read
        // (a fresh optimizer would say 2).
        ModelFile last = ModelFile.read(run.resolve("checkpoints/ckpt-0000005.sgan").toString());
        assertEquals(5f, last.tensor("G.optimizer.2")[0], "G's Adam step count");
        assertEquals(5f, last.tensor("D.optimizer.2")[0], "D's Adam step count");

        // The moments as read matter: the same file with them zeroed (checksum made again) resumes to
        // other weights.
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> t : old.tensors().entrySet()) {
            tensors.put(t.getKey(), List.of(ADAM_MOMENTS).contains(t.getKey()) ? new float[t.getValue().length] : t.getValue());
        }
        Path control = runWith("zeroed", new ModelFile("checkpoint", 3, old.config(), tensors).withLineage(old.lineage()).toBytes());
        CliRun c = resume(control, data, 5);
        assertEquals(0, c.exitCode(), c.stderr());
        ModelFile withoutMoments = ModelFile.read(control.resolve("model.sgan").toString());
        for (String t : new String[] {"G", "D"}) {
            float[] a = model.tensor(t);
            float[] b = withoutMoments.tensor(t);
            int differ = 0;
            for (int i = 0; i < a.length; i++) {
                differ += a[i] != b[i] ? 1 : 0;
            }
            assertTrue(differ > a.length / 2, t + ": " + differ + " of " + a.length + " weights differ from a resume without the moments");
        }
    }

    private static int countNonZero(float[] v) {
        int n = 0;
        for (float x : v) {
            n += x != 0 ? 1 : 0;
        }
        return n;
    }
}
