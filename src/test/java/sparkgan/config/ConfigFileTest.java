package sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sparkgan.BadInputException;

/** conf/gan.properties is what GanParams declares, and every declared default passes its own check. */
class ConfigFileTest {
    @Test
    void theCommittedFileIsTheRenderedRegistry() throws IOException {
        String committed = Files.readString(Path.of("conf/gan.properties"), StandardCharsets.UTF_8);
        assertEquals(ConfigFile.render(), committed,
                "conf/gan.properties differs from GanParams: regenerate it with java -cp target/classes sparkgan.config.ConfigFile");
    }

    @Test
    void everyDefaultParsesAndEveryNameIsUnique() {
        GanConfig defaults = GanConfig.defaults();
        for (Param<?> p : GanParams.all()) {
            defaults.get(p);
            assertEquals(p, GanParams.byName(p.name()), "one declaration for " + p.name());
        }
        assertEquals(GanParams.all().size(), defaults.asMap().size());
    }

    @Test
    void aRefusedValueNamesItsKeyAndWhatWasExpected() {
        GanConfig c = GanConfig.defaults().with("train.chainD", "sometimes");
        BadInputException e = assertThrows(BadInputException.class, () -> c.get(GanParams.TRAIN_CHAIN_D));
        assertEquals("config key 'train.chainD' = 'sometimes': expected frozen or trained-copy", e.getMessage());
        BadInputException range = assertThrows(BadInputException.class,
                () -> GanConfig.defaults().with("d.dropout", "1").get(GanParams.D_DROPOUT));
        assertTrue(range.getMessage().startsWith("config key 'd.dropout' = 1: expected a finite number >= 0.0 and < 1.0"), range.getMessage());
    }
}
