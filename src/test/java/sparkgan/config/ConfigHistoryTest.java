package sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkgan.gan.GanSpec;

class ConfigHistoryTest {
    @Test
    void everyKeyIsFromTheFirstReleaseOrSaysWhatItsAbsenceMeans() {
        for (String key : GanConfig.defaults().asMap().keySet()) {
            assertTrue(ConfigHistory.FIRST_RELEASE_KEYS.contains(key) || ConfigHistory.beforeItExisted().containsKey(key),
                    "config key " + key + " is new: declare the value that reproduces the code before it with Param.before in GanParams");
        }
        for (String key : ConfigHistory.beforeItExisted().keySet()) {
            assertTrue(!ConfigHistory.FIRST_RELEASE_KEYS.contains(key) && GanConfig.defaults().asMap().containsKey(key), key);
        }
    }

    @Test
    void aFileWithoutTheLaterKeysMeansWhatItMeantWhenItWasWritten() {
        // A first-release model file: only its keys, with its networks.
        Map<String, String> old = new HashMap<>();
        GanConfig.defaults().asMap().forEach((k, v) -> {
            if (ConfigHistory.FIRST_RELEASE_KEYS.contains(k)) {
                old.put(k, v);
            }
        });
        old.put("g.layers", "100,256,784");
        old.put("d.layers", "784,256,1");
        GanConfig c = GanConfig.fromMap(old, "old.sgan");
        // Today's defaults would give G 20 code inputs, a minibatch deviation in D and an average of G.
        assertEquals("0", c.get("info.codes"));
        assertEquals("0", c.get("d.minibatchStd"));
        assertEquals("0", c.get("g.ema"));
        GanSpec spec = GanSpec.from(c);
        assertEquals(100 * 256 + 256 + 256 * 784 + 784, spec.generator().paramCount());
        assertEquals(784 * 256 + 256 + 256 + 1, spec.discriminatorParams(), "D without extras");
        // A key the file has keeps the file's value.
        old.put("info.codes", "10");
        old.put("g.layers", "110,256,784");
        assertEquals("10", GanConfig.fromMap(old, "newer.sgan").get("info.codes"));
    }
}
