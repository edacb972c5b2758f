package sparkgan.gan;

import sparkgan.math.Noise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageShape;
import sparkgan.BadInputException;
import sparkgan.math.Activation;
import sparkgan.nn.ActivationLayer;
import sparkgan.nn.Dense;
import sparkgan.nn.Dropout;
import sparkgan.nn.Network;
import sparkgan.train.TrainSettings;

/** Every preset file in conf/presets loads from the jar and validates; seed is the reference experiment. */
class PresetsTest {
    private static List<String> presetFiles() throws Exception {
        Path dir = Path.of(System.getProperty("project.basedir", "."), "conf", "presets");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList();
        }
    }

    @Test
    void everyPresetLoadsAndValidates() throws Exception {
        List<String> names = presetFiles();
        assertTrue(names.containsAll(List.of("cgan", "mlp", "seed")), names.toString());
        for (String name : names) {
            GanConfig c = GanConfig.defaults().withPreset(name);
            GanSpec spec = GanSpec.from(c);
            TrainSettings.from(c);
            assertEquals(784, spec.imagePixels(), name);
            // Every key the file sets (read here independently of GanConfig) is in force.
            Properties file = presetFile(name);
            assertFalse(file.isEmpty(), name);
            for (String key : file.stringPropertyNames()) {
                assertEquals(file.getProperty(key).trim(), c.get(key), name + ": " + key);
            }
        }
        assertThrows(BadInputException.class, () -> GanConfig.defaults().withPreset("no-such-preset"));
    }

    private static Properties presetFile(String name) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of(System.getProperty("project.basedir", "."), "conf", "presets", name + ".properties"))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void mlpIsTheDefault() throws Exception {
        // Applying the preset changes nothing, and it names the keys that make the recipe.
        assertEquals(GanConfig.defaults().asMap(), GanConfig.defaults().withPreset("mlp").asMap());
        assertTrue(presetFile("mlp").stringPropertyNames().containsAll(List.of("g.layers", "d.layers", "d.dropout", "d.minibatchStd",
                "info.codes", "d.lr", "g.lr", "train.batch", "g.ema", "d.realLabel")));
    }

    @Test
    void seedIsTheReferenceExperiment() {
        GanConfig c = GanConfig.defaults().withPreset("seed");
        GanSpec spec = GanSpec.from(c);
        TrainSettings s = TrainSettings.from(c);
        // G = [100 -> 784] sigmoid; D = [784 -> 100 -> 1] sigmoid with dropout 0.5 on the hidden layer.
        assertEquals(new Network(List.of(new Dense(100, 784), new ActivationLayer(Activation.SIGMOID, 784))), spec.generator());
        assertEquals(new Network(List.of(new Dense(784, 100), new ActivationLayer(Activation.SIGMOID, 100), new Dropout(0.5f, 100),
                new Dense(100, 1))), spec.discriminator());
        assertTrue(spec.heads().isEmpty(), "no heads on D: " + spec.heads());
        assertFalse(spec.signedPixels(), "images in [0,1]");
        assertEquals(Noise.GAUSSIAN_MINMAX, spec.noise());
        assertEquals("mse", c.get("loss"));
        assertEquals(1f, spec.realLabel(), "no label smoothing in the reference");
        assertEquals("0", c.get("g.ema"), "samples from G itself");
        for (String net : new String[] {"d.", "g."}) {
            assertEquals("momentum", c.get(net + "optimizer"));
            assertEquals("0.01", c.get(net + "lr"));
            assertEquals("0.5", c.get(net + "momentum"));
            assertEquals("0.0001", c.get(net + "weightDecay"));
        }
        // One iteration: an epoch of D over 1,000 real + 1,000 fake in minibatches of 100, then an epoch of
        // the chain over the 1,000 noise vectors of the bank in minibatches of 100, with a throw-away D copy.
        assertEquals(1000, s.dSteps() * s.batch(), "real (and fake) images per D epoch");
        assertEquals(100, 2 * s.batch(), "D minibatch (real + fake)");
        assertEquals(1000, s.gSteps() * s.gBatch(), "noise vectors per G epoch");
        assertEquals(100, s.gBatch());
        assertEquals(1000, s.noiseBank());
        assertTrue(s.chainTrainsDCopy());
        assertEquals(1500, s.steps());
        assertFalse(s.simultaneous());
    }

    @Test
    void dcganGeneratorWidthIsSetApartFromDiscriminators() {
        GanConfig base = GanConfig.defaults().withPreset("dcgan").with("dcgan.width", "4");
        ImageShape shape = ImageShape.parse("1,28,28", "image.shape");
        GanSpec same = GanSpec.from(base);
        GanSpec wider = GanSpec.from(base.with("dcgan.gWidth", "8"));
        // 0 (the default) keeps G at dcgan.width, as before the key existed.
        assertEquals(DcganNetworks.generator(shape, 4, 100), same.generator());
        assertEquals(DcganNetworks.generator(shape, 8, 100), wider.generator());
        assertEquals(same.discriminator(), wider.discriminator(), "D keeps dcgan.width");
        assertTrue(wider.generator().paramCount() > 2 * same.generator().paramCount(), wider.generator().toString());
    }
}
