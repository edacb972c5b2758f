package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageShape;
import sparkgan.data.ImageSource;
import sparkgan.gan.ConvNetworks;
import sparkgan.gan.GanSpec;
import sparkgan.gan.head.CodeHead;
import sparkgan.gan.head.MinibatchStddevHead;
import sparkgan.io.ModelFile;
import sparkgan.math.Activation;
import sparkgan.nn.ActivationLayer;
import sparkgan.nn.Conv2d;
import sparkgan.nn.ConvTranspose2d;
import sparkgan.nn.Dense;
import sparkgan.nn.Dropout;
import sparkgan.nn.LabelPlanes;
import sparkgan.nn.Network;
import sparkgan.nn.SpectralNorm;
import sparkgan.testing.CliRun;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;
import sparkgan.train.GradientEngine;
import sparkgan.train.LocalEngine;
import sparkgan.train.Training;
import sparkgan.train.TrainingState;

/**
 * The conv network family: as many stride-2 stages as the image's sides allow, dense layers after
 * D's convolutions and before G's, D's heads on its last hidden layer, the D and G keys it honours
 * or refuses, and bit-identical training on Spark and in-process with 1, 2 and 5 partitions.
 */
class ConvFamilyTest {
    /** The conv preset at a size a test can afford. */
    private static GanConfig tiny() {
        return GanConfig.defaults().withPreset("conv").with("conv.width", "4").with("conv.noise", "12")
                .with("conv.dHidden", "16,8").with("conv.gHidden", "16").with("info.codes", "4")
                .with("train.batch", "20").with("train.steps", "4").with("train.seed", "3");
    }

    @ParameterizedTest(name = "{0}x{1}: {2} stages")
    @CsvSource({"28, 28, 2", "32, 32, 3", "64, 64, 4", "16, 8, 1", "14, 14, 1"})
    void theStagesHalveTheSidesDownToSevenOrLess(int height, int width, int stages) {
        assertEquals(stages, ConvNetworks.stages(new ImageShape(1, height, width)));
    }

    @Test
    void thePresetBuildsConvolutionsWithDenseLayersAroundThem() {
        GanSpec spec = GanSpec.from(GanConfig.defaults().withPreset("conv"));
        Conv2d down1 = new Conv2d(1, 28, 28, 32, 4, 2, 1);
        Conv2d down2 = new Conv2d(32, 14, 14, 64, 4, 2, 1);
        Activation lrelu = Activation.LEAKY_RELU;
        assertEquals(new Network(List.of(down1, new ActivationLayer(lrelu, 32 * 196), new Dropout(0.1f, 32 * 196), down2,
                new ActivationLayer(lrelu, 64 * 49), new Dropout(0.1f, 64 * 49), new Dense(64 * 49, 512), new ActivationLayer(lrelu, 512),
                new Dropout(0.1f, 512), new Dense(512, 256), new ActivationLayer(lrelu, 256), new Dropout(0.1f, 256),
                new Dense(256, 1))), spec.discriminator());
        ConvTranspose2d up1 = new ConvTranspose2d(64, 7, 7, 32, 4, 2, 1);
        ConvTranspose2d up2 = new ConvTranspose2d(32, 14, 14, 1, 4, 2, 1);
        assertEquals(new Network(List.of(new Dense(120, 1024), new ActivationLayer(lrelu, 1024), new Dense(1024, 64 * 49),
                new ActivationLayer(lrelu, 64 * 49), up1, new ActivationLayer(lrelu, 32 * 196), up2,
                new ActivationLayer(Activation.TANH, 784))), spec.generator());
        // The mlp recipe's heads read D's last hidden layer.
        assertEquals(2, spec.heads().size());
        assertTrue(spec.heads().get(0) instanceof CodeHead && spec.heads().get(1) instanceof MinibatchStddevHead, spec.heads().toString());
    }

    @Test
    void colourImagesOf64Get4StagesAndAConditionalDReadsTheLabelAsPlanes() {
        GanSpec spec = GanSpec.from(tiny().with("image.shape", "3,64,64").with("info.codes", "0").with("cgan.classes", "10"));
        Network d = spec.discriminator();
        assertEquals(new LabelPlanes(3, 64, 64, 10), d.layer(0));
        assertEquals(new Conv2d(13, 64, 64, 4, 4, 2, 1), d.layer(1));
        // Each stage: convolution, activation, the preset's dropout.
        assertEquals(new Conv2d(16, 8, 8, 32, 4, 2, 1), d.layer(10));
        assertEquals(new Dense(32 * 4 * 4, 16), d.layer(13));
        Network g = spec.generator();
        assertEquals(12 + 10, g.inputWidth());
        assertEquals(new Dense(16, 32 * 4 * 4), g.layer(2));
        assertEquals(new ConvTranspose2d(4, 32, 32, 3, 4, 2, 1), g.layer(10));
        assertEquals(3 * 64 * 64, g.outputWidth());
    }

    @Test
    void dropoutFollowsEveryHiddenActivationOfD() {
        Network d = GanSpec.from(tiny().with("d.dropout", "0.25")).discriminator();
        long dropouts = d.layers().stream().filter(l -> l instanceof Dropout).count();
        assertEquals(2 + 2, dropouts, "two convolutions and two dense hidden layers: " + d.layers());
    }

    @Test
    void spectralNormNormalisesTheConvolutionsToo() {
        Network d = GanSpec.from(tiny()).discriminator();
        SpectralNorm norm = new SpectralNorm(d);
        float[] raw = d.initialParams(new java.util.SplittableRandom(5));
        norm.initialise(new java.util.SplittableRandom(6));
        for (int i = 0; i < 50; i++) {
            norm.powerIteration(raw);
        }
        // Two convolutions, two dense hidden layers and the logit: five matrices, each with its sigma.
        for (int l = 0; l < 5; l++) {
            assertTrue(norm.sigma(l) > 0.1 && norm.sigma(l) != 1.0, "sigma of matrix " + l + ": " + norm.sigma(l));
        }
        float[] normalised = new float[raw.length];
        norm.normalise(raw, normalised);
        int conv = d.offset(0);
        assertEquals(raw[conv] / norm.sigma(0), normalised[conv], 1e-6 * Math.abs(raw[conv] / norm.sigma(0)) + 1e-9);
    }

    @Test
    void shapesTheStagesCannotHalveAndALabelWithACodeAreRefusedInOneLine() {
        BadInputException odd = assertThrows(BadInputException.class, () -> GanSpec.from(tiny().with("image.shape", "1,7,7")));
        assertTrue(odd.getMessage().contains("image.shape") && odd.getMessage().contains("even"), odd.getMessage());
        BadInputException both = assertThrows(BadInputException.class, () -> GanSpec.from(tiny().with("cgan.classes", "10")));
        assertTrue(both.getMessage().contains("info.codes"), both.getMessage());
        BadInputException hidden = assertThrows(BadInputException.class, () -> GanSpec.from(tiny().with("conv.dHidden", "16,x")));
        assertTrue(hidden.getMessage().contains("conv.dHidden"), hidden.getMessage());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 5})
    void sparkAndInProcessGiveTheSameBits(int partitions) {
        GanConfig config = tiny();
        ImageSource data = TestData.mnistOrEmbedded(500);
        float[][] spark;
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), GanSpec.from(config), data, partitions, 2)) {
            spark = fit(config, engine);
        }
        float[][] local;
        try (LocalEngine engine = LocalEngine.load(GanSpec.from(config), data, partitions, 2)) {
            local = fit(config, engine);
        }
        assertArrayEquals(spark[0], local[0], "G");
        assertArrayEquals(spark[1], local[1], "D");
    }

    private static float[][] fit(GanConfig config, GradientEngine engine) {
        Training training = Training.of(config, engine);
        TrainingState state = training.initialState();
        float[] g0 = state.generator().values().clone();
        float[] d0 = state.discriminator().values().clone();
        training.fit(state);
        assertFalse(Arrays.equals(g0, state.generator().values()), "G was trained");
        assertFalse(Arrays.equals(d0, state.discriminator().values()), "D was trained");
        return new float[][] {state.generator().values().clone(), state.discriminator().values().clone()};
    }

    @Test
    void trainsFromTheCommandLineAndRecordsItsFamily(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--master", "local[2]", "--data", TestData.mnistDir().toString(), "--preset", "conv",
                "--out", run.toString(), "--steps", "3", "--batch", "16", "--partitions", "2",
                "--set", "conv.width=4", "--set", "conv.dHidden=16", "--set", "conv.gHidden=16",
                "--set", "data.limit=300", "--set", "out.sampleCount=16");
        assertEquals(0, r.exitCode(), r.stderr());
        ModelFile model = ModelFile.read(run.resolve("model.sgan").toString());
        assertEquals("conv", model.config().get("network"));
        assertEquals("1,28,28", model.config().get("image.shape"));
    }
}
