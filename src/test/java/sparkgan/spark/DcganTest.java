package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageSource;
import sparkgan.gan.GanSpec;
import sparkgan.gan.SlicePlan;
import sparkgan.math.RandomStreams;
import sparkgan.io.ModelFile;
import sparkgan.math.Activation;
import sparkgan.nn.ActivationLayer;
import sparkgan.nn.BatchNorm;
import sparkgan.nn.Conv2d;
import sparkgan.nn.LabelPlanes;
import sparkgan.nn.ConvTranspose2d;
import sparkgan.nn.Dense;
import sparkgan.nn.Network;
import sparkgan.testing.CliRun;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;
import sparkgan.train.LocalEngine;
import sparkgan.train.Training;
import sparkgan.train.TrainingState;

/**
 * The convolutional preset: the networks it builds, bit-identical training on Spark and in-process
 * with 1, 2 and 5 partitions (convolutions and batch norm with its running statistics included), and
 * the command line from train to generate.
 */
class DcganTest {
    /** dcgan at a width a test can afford. */
    private static GanConfig tiny() {
        return GanConfig.defaults().withPreset("dcgan").with("dcgan.width", "4").with("dcgan.noise", "12")
                .with("train.batch", "20").with("train.steps", "4").with("train.seed", "3");
    }

    @Test
    void thePresetBuildsTheDcganNetworks() {
        GanSpec spec = GanSpec.from(GanConfig.defaults().withPreset("dcgan"));
        ConvTranspose2d up1 = new ConvTranspose2d(128, 7, 7, 64, 4, 2, 1);
        ConvTranspose2d up2 = new ConvTranspose2d(64, 14, 14, 1, 4, 2, 1);
        assertEquals(new Network(List.of(new Dense(100, 128 * 49), new BatchNorm(128, 49, 0.1f), new ActivationLayer(Activation.RELU, 6272),
                up1, new BatchNorm(64, 196, 0.1f), new ActivationLayer(Activation.RELU, 64 * 196),
                up2, new ActivationLayer(Activation.TANH, 784))), spec.generator());
        Conv2d down1 = new Conv2d(1, 28, 28, 64, 4, 2, 1);
        Conv2d down2 = new Conv2d(64, 14, 14, 128, 4, 2, 1);
        assertEquals(new Network(List.of(down1, new ActivationLayer(Activation.LEAKY_RELU, 64 * 196), down2, new BatchNorm(128, 49, 0.1f),
                new ActivationLayer(Activation.LEAKY_RELU, 6272), new Dense(6272, 1))), spec.discriminator());
        assertTrue(spec.heads().isEmpty());
        assertTrue(spec.signedPixels());
        BadInputException odd = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> GanSpec.from(GanConfig.defaults().withPreset("dcgan").with("image.shape", "1,30,30")));
        assertTrue(odd.getMessage().contains("divide by 4"), odd.getMessage());
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

    /**
     * G's first batch norm after one iteration, against a float64 computation from the rows: its
     * running mean and variance are 0.9 x (0, 1) + 0.1 x the moments of the whole batch of the G step
     * (every partition's noise through G's first dense layer at its initial weights), merged across
     * the partitions on the driver.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 5})
    void runningStatisticsAreTheWholeBatchsMomentsInFloat64(int partitions) {
        GanConfig config = tiny().with("train.steps", "1");
        GanSpec spec = GanSpec.from(config);
        Network g = spec.generator();
        BatchNorm norm = (BatchNorm) g.layer(1);
        assertEquals(new BatchNorm(8, 49, 0.1f), norm);
        int nz = spec.noiseDim();
        int width = norm.width();
        int channels = norm.channels();
        int plane = norm.plane();
        int batch = 20;
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), spec, TestData.mnistOrEmbedded(500), partitions, 2)) {
            Training training = Training.of(config, engine);
            TrainingState state = training.initialState();
            float[] g0 = state.generator().values().clone();
            training.fit(state);
            float[] g1 = state.generator().values();
            SlicePlan plan = new SlicePlan(engine.partitionSizes(), batch);
            double[] sum = new double[channels];
            double[] squares = new double[channels];
            for (int p = 0; p < partitions; p++) {
                int n = plan.slice(p);
                float[] z = new float[n * nz];
                // The G step of iteration 1 draws its noise from stream (seed 3, iteration 1, phase 0, partition p).
                spec.noise().fill(RandomStreams.stream(3, 1, 0, p, RandomStreams.Purpose.NOISE), z, 0, n, nz);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < width; j++) {
                        double h = g0[nz * width + j];
                        for (int i = 0; i < nz; i++) {
                            h += (double) z[r * nz + i] * g0[i * width + j];
                        }
                        sum[j / plane] += h;
                        squares[j / plane] += h * h;
                    }
                }
            }
            int at = g.offset(1);
            for (int c = 0; c < channels; c++) {
                double mean = sum[c] / ((double) batch * plane);
                double var = Math.max(0, squares[c] / ((double) batch * plane) - mean * mean);
                assertEquals(0.1 * mean, g1[at + 2 * channels + c], 1e-5 + 1e-4 * Math.abs(mean), "running mean of channel " + c);
                assertEquals(0.9 + 0.1 * var, g1[at + 3 * channels + c], 1e-5 * (1 + var), "running variance of channel " + c);
            }
        }
    }

    /** cgan.classes with dcgan: the one-hot label beside z in G, as 10 more input planes in D. */
    @Test
    void aConditionalDcganReadsTheLabelAsPlanesAndTrainsTheSameOnSparkAndInProcess() {
        GanConfig config = tiny().with("cgan.classes", "10");
        GanSpec spec = GanSpec.from(config);
        assertEquals(new LabelPlanes(1, 28, 28, 10), spec.discriminator().layer(0));
        assertEquals(new Conv2d(11, 28, 28, 4, 4, 2, 1), spec.discriminator().layer(1));
        assertEquals(12 + 10, spec.generator().inputWidth());
        ImageSource data = TestData.mnistOrEmbedded(500);
        float[][] spark;
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), spec, data, 2, 2)) {
            spark = fit(config, engine);
        }
        float[][] local;
        try (LocalEngine engine = LocalEngine.load(spec, data, 2, 2)) {
            local = fit(config, engine);
        }
        assertArrayEquals(spark[0], local[0], "G");
        assertArrayEquals(spark[1], local[1], "D");
    }

    private static float[][] fit(GanConfig config, sparkgan.train.GradientEngine engine) {
        Training training = Training.of(config, engine);
        TrainingState state = training.initialState();
        float[] g0 = state.generator().values().clone();
        training.fit(state);
        assertFalse(Arrays.equals(g0, state.generator().values()), "G was trained");
        return new float[][] {state.generator().values().clone(), state.discriminator().values().clone()};
    }

    @Test
    void trainsAndGeneratesFromTheCommandLine(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--master", "local[2]", "--data", TestData.mnistDir().toString(), "--preset", "dcgan",
                "--out", run.toString(), "--steps", "3", "--batch", "16", "--partitions", "2",
                "--set", "dcgan.width=4", "--set", "data.limit=300", "--set", "out.sampleCount=16");
        assertEquals(0, r.exitCode(), r.stderr());
        ModelFile model = ModelFile.read(run.resolve("model.sgan").toString());
        assertEquals("dcgan", model.config().get("network"));
        BufferedImage grid = ImageIO.read(run.resolve("samples/final.png").toFile());
        assertNotNull(grid);
        Path samples = tmp.resolve("s-idx3-ubyte");
        CliRun g = CliRun.of("generate", "--model", run.toString(), "--count", "8", "--out", samples.toString());
        assertEquals(0, g.exitCode(), g.stderr());
        assertEquals(16 + 8 * 784, Files.size(samples));
    }
}
