package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.data.ImageShape;
import sparkgan.io.ModelFile;
import sparkgan.run.EvaluationReference;
import sparkgan.testing.CliRun;
import sparkgan.testing.SparkTestContext;

/**
 * {@code train --format image} on a folder of transparent emoji-like PNGs (RGBA, one grey) with a text
 * file among them: the text file stops the run in one line naming it, exit code 2, nothing written;
 * with data.skipUnreadable = true the run trains on the images and one line says what was skipped.
 */
class ImageFolderTrainTest {
    private static final int IMAGES = 12;
    @TempDir
    static Path tmp;
    private static Path folder;

    @BeforeAll
    static void writeFolder() throws Exception {
        folder = Files.createDirectories(tmp.resolve("emoji"));
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage image = new BufferedImage(8, 8, i == 0 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_ARGB);
            for (int p = 0; p < 64; p++) {
                boolean inside = Math.abs(p % 8 - 4) + Math.abs(p / 8 - 4) < 2 + i % 3;
                image.setRGB(p % 8, p / 8, inside ? 0xFF000000 | (i * 40 & 0xff) << 8 | 0xC0 : 0x00FF0000);
            }
            ImageIO.write(image, "png", folder.resolve(String.format("emoji-%02d.png", i)).toFile());
        }
        Files.writeString(folder.resolve("notes.txt"), "the emoji of the folder\n");
    }

    private static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--master", "local[2]", "--out", out.toString(), "--steps", "2",
                "--partitions", "2", "--seed", "3", "--set", "out.sampleEvery=0", "--set", "g.layers=16,32,192",
                "--set", "d.layers=192,32,1", "--set", "info.codes=0", "--set", "train.batch=4",
                "--data", folder.toString(), "--format", "image"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aTextFileAmongTheImagesIsNamedInOneLine() {
        Path out = tmp.resolve("refused");
        CliRun r = train(out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.stderr());
        assertEquals(List.of("error: file:" + folder.resolve("notes.txt") + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP); "
                + "expected only images in the folder, or data.skipUnreadable = true"), List.of(r.errorLines()));
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void skippingUnreadableFilesTrainsAndSaysWhatWasSkipped() {
        Path out = tmp.resolve("skipped");
        CliRun r = train(out, "--set", "data.skipUnreadable=true");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().lines().anyMatch(("notice: --data " + folder + ": skipped 1 of " + (IMAGES + 1) + " files that javax.imageio "
                + "cannot read (data.skipUnreadable = true): notes.txt")::equals), r.stderr());
        ModelFile model = ModelFile.read(out.resolve("model.sgan").toString());
        assertEquals("3,8,8", model.config().get("image.shape"), "colour, the grey file among them");
        assertEquals("true", model.config().get("data.skipUnreadable"));
        assertEquals("white", model.config().get("data.background"));
        assertEquals(2, model.iteration());
    }

    @Test
    void evaluateJudgesTheSamplesAgainstTheFolderReadAsTrainReadsIt() throws Exception {
        Path out = tmp.resolve("judged");
        CliRun trained = train(out, "--set", "data.skipUnreadable=true");
        assertEquals(0, trained.exitCode(), trained.stderr());
        CliRun r = CliRun.of("evaluate", "--model", out.toString(), "--data", folder.toString(), "--format", "image",
                "--count", "40", "--parzen-samples", "40", "--master", "local[2]", "--out", tmp.resolve("judged.json").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("judged.json").toFile());
        assertEquals("pixels (192), 40 samples vs 9 reference images", json.get("frechet_space").asText(), json.toString());
        assertTrue(json.get("frechet_distance").asDouble() > 0, json.toString());
        assertTrue(json.has("precision") && json.has("recall") && json.has("parzen_log_likelihood"), json.toString());
        assertEquals("--data " + folder + " is read as image: no classifier to judge with", json.get("skipped").get("mnist_score").asText());

        // The reference: the files by name (notes.txt skipped as the run did), composited on white, in [0, 1].
        JavaSparkContext sc = SparkTestContext.get();
        EvaluationReference ref = DataSourceReference.read(sc, folder.toString(), "image", ImageShape.parse("3,8,8", "shape"),
                ModelFile.read(out.resolve("model.sgan").toString()));
        assertEquals(9, ref.test().rows(), "12 images: 3 for Parzen's bandwidth, 9 the reference");
        assertEquals(3, ref.validation().rows());
        float[] image1 = Arrays.copyOfRange(ref.test().data(), 192, 384);
        assertArrayEquals(new float[] {1f, 1f, 1f}, new float[] {image1[0], image1[64], image1[128]}, "transparent: the white background");
        assertArrayEquals(new float[] {0f, 40 / 255f, 192 / 255f}, new float[] {image1[36], image1[100], image1[164]}, 1e-6f,
                "emoji-01's opaque centre");
    }
}
