package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.data.DataIdentity;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;
import sparkgan.testing.TestData;

/** A resume continues on the data the run was trained on, or says so; an allowed change is recorded. */
class LineageTest {
    @TempDir
    Path tmp;

    private CliRun train(Path out, Path data, int steps) {
        return CliRun.of("train", "--engine", "local", "--data", data.toString(), "--out", out.toString(), "--steps", Integer.toString(steps),
                "--batch", "16", "--partitions", "2", "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1",
                "--set", "data.limit=500", "--set", "out.sampleEvery=0", "--set", "out.checkpointSeconds=0");
    }

    private static CliRun resume(Path run, int steps, String... extra) {
        String[] base = {"train", "--engine", "local", "--resume", run.toString(), "--steps", Integer.toString(steps)};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void resumingOnOtherDataIsRefusedUnlessAllowedAndThenRecorded() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, TestData.mnistDir(), 10).exitCode());
        ModelFile first = ModelFile.read(run.resolve("model.sgan").toString());
        assertTrue(first.lineage().get(DataIdentity.FILES).contains("train-images-idx3-ubyte"), first.lineage().toString());

        Path other = TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz");
        CliRun refused = resume(run, 20, "--data", other.toString());
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertEquals(1, refused.errorLines().length, refused.stderr());
        assertTrue(refused.errorLines()[0].contains("--data " + other) && refused.errorLines()[0].contains("not the data this run was trained on")
                && refused.errorLines()[0].contains("--allow-data-change"), refused.stderr());
        assertEquals(10, ModelFile.read(run.resolve("model.sgan").toString()).iteration(), "nothing was written");

        CliRun allowed = resume(run, 20, "--data", other.toString(), "--allow-data-change");
        assertEquals(0, allowed.exitCode(), allowed.stderr());
        ModelFile after = ModelFile.read(run.resolve("model.sgan").toString());
        assertEquals(20, after.iteration());
        String changes = after.lineage().get(DataIdentity.CHANGES);
        assertTrue(changes != null && changes.startsWith("iteration 10: ") && changes.contains("t10k-images-idx3-ubyte"), after.lineage().toString());
        assertTrue(after.lineage().get(DataIdentity.FILES).contains("t10k-images-idx3-ubyte.gz"), after.lineage().toString());
    }

    @Test
    void theSameBytesElsewhereAreTheSameData() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run, TestData.mnistDir(), 10).exitCode());
        Path moved = Files.createDirectories(tmp.resolve("moved"));
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"}) {
            Files.copy(TestData.mnistDir().resolve(f), moved.resolve(f));
        }
        CliRun r = resume(run, 20, "--data", moved.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(null, ModelFile.read(run.resolve("model.sgan").toString()).lineage().get(DataIdentity.CHANGES));
    }
}
