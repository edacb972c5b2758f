package sparkgan.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import sparkgan.BadInputException;
import sparkgan.gan.GanSpec;
import sparkgan.train.TrainSettings;

/**
 * Any text as {@code --set} assignments, one per line, checked as train checks them before it
 * allocates anything: accepted or the one-line error.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void assignments(byte[] input) {
        List<String> lines = List.of(new String(input, java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        try {
            GanConfig c = GanConfig.defaults().withAssignments(lines);
            GanSpec.from(c);
            TrainSettings.from(c);
        } catch (BadInputException expected) {
            // the one-line error for bad input
        }
    }
}
