package sparkgan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.testing.TestData;
import sparkgan.train.TrainingDivergedException;
import sparkgan.train.TrainingState;

class CheckpointsTest {
    @TempDir
    Path tmp;

    private static TrainingState state() {
        GanConfig c = TestData.tinyConfig();
        return TrainingState.initial(GanSpec.from(c), c, 1);
    }

    @Test
    void namesThatDoNotParseAsAnIterationAreIgnored() throws Exception {
        Checkpoints cps = new Checkpoints(tmp.toString(), 3);
        Files.createDirectories(tmp.resolve(Checkpoints.DIR));
        Files.writeString(tmp.resolve("checkpoints/ckpt-99999999999999999999.sgan"), "x");
        Files.writeString(tmp.resolve("checkpoints/ckpt-.sgan"), "x");
        TrainingState s = state();
        s.restoreIteration(5);
        cps.write(s, TestData.tinyConfig().asMap(), Map.of());
        List<Checkpoints.Entry> all = cps.list();
        assertEquals(1, all.size(), all.toString());
        assertEquals(5, all.get(0).iteration());
    }

    @Test
    void weightsThatAreNotFiniteAreNeverWritten() {
        Checkpoints cps = new Checkpoints(tmp.toString(), 3);
        TrainingState s = state();
        s.restoreIteration(10);
        cps.write(s, TestData.tinyConfig().asMap(), Map.of());
        s.restoreIteration(11);
        s.generator().values()[3] = Float.NaN;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> cps.write(s, TestData.tinyConfig().asMap(), Map.of()));
        assertTrue(e.getMessage().contains("iteration 11") && e.getMessage().contains("tensor G"), e.getMessage());
        assertEquals(10, cps.newestValid(w -> { }).iteration(), "the last good checkpoint stays the newest");
    }
}
