package sparkgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.report.SampleImages;
import sparkgan.spark.SparkEngine;
import sparkgan.testing.SparkTestContext;
import sparkgan.train.LocalEngine;
import sparkgan.train.Training;
import sparkgan.train.TrainingState;

/**
 * Data that is not MNIST: a source of 3 x 8 x 8 colour images of its own, trained on through the
 * training API on Spark and in-process, and its shape carried into the sample grid.
 */
class ImageSourceTest {
    private static final ImageShape RGB = new ImageShape(3, 8, 8);

    /** Colour images in memory: each a red, green or blue square on black, by index. */
    private static final class ColourSquares implements ImageSource {
        private final int count;

        ColourSquares(int count) {
            this.count = count;
        }

        @Override
        public ImageShape shape() {
            return RGB;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public boolean hasLabels() {
            return false;
        }

        @Override
        public String description() {
            return "colour squares";
        }

        @Override
        public ImageBlock readBlock(int partition, int partitions, boolean signed) {
            int start = MnistData.rangeStart(count, partitions, partition);
            int rows = MnistData.rangeStart(count, partitions, partition + 1) - start;
            int px = RGB.pixels();
            float[] data = new float[rows * px];
            Arrays.fill(data, signed ? -1f : 0f);
            for (int r = 0; r < rows; r++) {
                int channel = (start + r) % 3;
                for (int y = 2; y < 6; y++) {
                    for (int x = 2; x < 6; x++) {
                        data[r * px + channel * 64 + y * 8 + x] = 1f;
                    }
                }
            }
            return new ImageBlock(partition, start, rows, px, data, null);
        }

        @Override
        public List<StreamSource> files() {
            return List.of();
        }
    }

    private static GanConfig config() {
        return GanConfig.defaults().with("g.layers", "16,64,192").with("d.layers", "192,32,1").with("info.codes", "0")
                .with("image.shape", "3,8,8").with("train.batch", "24").with("train.steps", "8").with("train.seed", "5");
    }

    @Test
    void aColourSourceTrainsTheSameOnSparkAndInProcess() {
        GanConfig config = config();
        ImageSource data = new ColourSquares(300);
        float[] onSpark;
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), GanSpec.from(config), data, 3, 2)) {
            onSpark = train(config, engine);
        }
        float[] inProcess;
        try (LocalEngine engine = LocalEngine.load(GanSpec.from(config), data, 3, 2)) {
            inProcess = train(config, engine);
        }
        assertArrayEquals(onSpark, inProcess, "G differs between Spark and in-process on a colour source");
        assertEquals(RGB, GanSpec.from(config).image());
    }

    private static float[] train(GanConfig config, sparkgan.train.GradientEngine engine) {
        Training training = Training.of(config, engine);
        TrainingState state = training.initialState();
        float[] before = state.generator().values().clone();
        assertEquals(Training.Outcome.FINISHED, training.fit(state));
        assertFalse(Arrays.equals(before, state.generator().values()), "G was trained");
        return state.generator().values();
    }

    @Test
    void aGridOfColourImagesIsInColour(@TempDir Path tmp) throws Exception {
        float[] images = new ColourSquares(3).readBlock(0, 1, false).data();
        Path png = tmp.resolve("grid.png");
        SampleImages.write(png.toString(), images, 3, RGB, 3);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        // Image k sits at x = 2 + k * (8 * 2 + 2), y = 2, scaled x2: the centre of its square is 8 pixels in.
        int[] expected = {0xff0000, 0x00ff00, 0x0000ff};
        for (int k = 0; k < 3; k++) {
            int rgb = img.getRGB(2 + k * 18 + 8, 2 + 8) & 0xffffff;
            assertEquals(expected[k], rgb, "image " + k);
        }
        BadInputException idx = assertThrows(BadInputException.class,
                () -> SampleImages.write(tmp.resolve("s.idx").toString(), images, 3, RGB));
        assertTrue(idx.getMessage().contains("single-channel"), idx.getMessage());
    }

    @Test
    void shapesFromConfigurationText() {
        assertEquals(ImageShape.gray(28, 28), ImageShape.parse("", 784, "image.shape"));
        assertEquals(ImageShape.gray(1, 10), ImageShape.parse("", 10, "image.shape"), "a flat vector");
        assertEquals(RGB, ImageShape.parse(" 3, 8,8", 192, "image.shape"));
        BadInputException wrong = assertThrows(BadInputException.class, () -> ImageShape.parse("3,8,8", 784, "image.shape"));
        assertEquals("config key 'image.shape' = '3,8,8': 192 values per image, but the generator makes 784", wrong.getMessage());
        assertThrows(BadInputException.class, () -> ImageShape.parse("28x28", 784, "image.shape"));
    }

    @Test
    void samplesOfAColourModelHaveItsShape() {
        GanSpec spec = GanSpec.from(config());
        float[] g = spec.generator().initialParams(new SplittableRandom(1));
        assertEquals(5 * 192, Sampler.sample(spec, g, 5, 3).length);
    }
}
