package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.testing.SparkTestContext;

/**
 * {@code train --format image} on JPEG files (written here by javax.imageio, colour and grey, under
 * .jpg, .JPG and .jpeg): the pixels train reads (DataFrameSource.read, which TrainingRun calls for
 * {@code --format image}) are what was drawn within JPEG's loss, in the right planes (R, G, B), and
 * exactly what javax.imageio decodes; a grey JPEG's bytes are taken as stored (not through Java's
 * linear grey, which turns 128 into 188). The command line on an image folder is ImageFolderTrainTest's.
 */
class JpegInputTest {
    private static final int SIDE = 16;
    private static final int PLANE = SIDE * SIDE;
    /** Grey levels a JPEG of these smooth images at quality 0.95 may move a pixel (chroma subsampling included). */
    private static final int JPEG_TOLERANCE = 8;

    @TempDir
    static Path tmp;
    private static Path colour;
    private static Path grey;

    /** Smooth colour: red grows along x, green falls along y, blue falls along x: red and blue differ by up to 180. */
    private static int drawnRgb(int variant, int x, int y) {
        int r = 40 + 10 * x + variant * 5;
        int g = 200 - 8 * y;
        int b = 220 - 5 * x - variant * 10;
        return r << 16 | g << 8 | b;
    }

    private static int drawnGrey(int variant, int x, int y) {
        return 60 + 6 * x + 3 * y + variant * 20;
    }

    @BeforeAll
    static void writeFolders() throws IOException {
        colour = Files.createDirectories(tmp.resolve("colour"));
        grey = Files.createDirectories(tmp.resolve("grey"));
        for (int v = 0; v < 2; v++) {
            BufferedImage rgb = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    rgb.setRGB(x, y, drawnRgb(v, x, y));
                }
            }
            writeJpeg(rgb, colour.resolve(v == 0 ? "a-colour.jpg" : "b-colour.JPG"));
            BufferedImage g = greyImage(v);
            writeJpeg(g, grey.resolve("g" + v + ".jpeg"));
            if (v == 0) {
                writeJpeg(g, colour.resolve("c-grey.jpeg"));
            }
        }
    }

    private static BufferedImage greyImage(int variant) {
        BufferedImage g = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                g.getRaster().setSample(x, y, 0, drawnGrey(variant, x, y));
            }
        }
        return g;
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        assertTrue(ImageIO.read(file.toFile()) != null, "javax.imageio reads back " + file);
    }

    /** A folder read as train reads it (one partition, files by name), pixels in the tanh range. */
    private record Read(ImageShape shape, int count, float[] data) {
        float at(int image, int c, int x, int y) {
            return data[image * shape.pixels() + c * PLANE + y * SIDE + x];
        }
    }

    private static Read read(Path folder) {
        GanConfig config = GanConfig.defaults().with("data.uri", folder.toString()).with("data.format", "image");
        List<String> notices = new ArrayList<>();
        DataFrameSource source = DataFrameSource.read(SparkTestContext.get(), config, 1, notices::add);
        try {
            assertEquals(List.of(), notices);
            ImageBlock block = source.blocks().first();
            return new Read(source.shape(), source.count(), block.data().clone());
        } finally {
            source.blocks().unpersist(false);
        }
    }

    /** A byte as the tanh generator's range holds it (RowBlock: x / 255 in float, then 2x - 1). */
    private static float px(int value) {
        return 2f * (value / 255f) - 1f;
    }

    private static void assertNear(int drawn, float read, String what) {
        int level = Math.round((read + 1f) / 2f * 255f);
        assertTrue(Math.abs(level - drawn) <= JPEG_TOLERANCE, what + ": drawn " + drawn + ", read " + level);
    }

    @Test
    void colourJpegsAreReadInTheirPlanesAsDecodedAndAGreyOneAsThreeEqualPlanes() throws IOException {
        Read r = read(colour);
        assertEquals(new ImageShape(3, SIDE, SIDE), r.shape());
        assertEquals(3, r.count());
        String[] files = {"a-colour.jpg", "b-colour.JPG"};
        for (int v = 0; v < 2; v++) {
            BufferedImage decoded = ImageIO.read(colour.resolve(files[v]).toFile());
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int drawn = drawnRgb(v, x, y);
                    int got = decoded.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        int shift = 16 - 8 * c;
                        String what = files[v] + " (" + x + "," + y + ") plane " + "RGB".charAt(c);
                        assertEquals(px(got >> shift & 0xff), r.at(v, c, x, y), what + ": as javax.imageio decodes it");
                        assertNear(drawn >> shift & 0xff, r.at(v, c, x, y), what);
                    }
                }
            }
        }
        BufferedImage greyDecoded = ImageIO.read(colour.resolve("c-grey.jpeg").toFile());
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float stored = px(greyDecoded.getRaster().getSample(x, y, 0));
                for (int c = 0; c < 3; c++) {
                    assertEquals(stored, r.at(2, c, x, y), "c-grey.jpeg (" + x + "," + y + ") plane " + c + ": its stored grey");
                }
                assertNear(drawnGrey(0, x, y), r.at(2, 0, x, y), "c-grey.jpeg (" + x + "," + y + ")");
            }
        }
    }

    @Test
    void greyJpegsAreOneChannelOfTheirStoredBytes() throws IOException {
        Read r = read(grey);
        assertEquals(new ImageShape(1, SIDE, SIDE), r.shape());
        assertEquals(2, r.count());
        for (int v = 0; v < 2; v++) {
            BufferedImage decoded = ImageIO.read(grey.resolve("g" + v + ".jpeg").toFile());
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    assertEquals(px(decoded.getRaster().getSample(x, y, 0)), r.at(v, 0, x, y), "g" + v + " (" + x + "," + y + ")");
                    assertNear(drawnGrey(v, x, y), r.at(v, 0, x, y), "g" + v + " (" + x + "," + y + ")");
                }
            }
        }
    }
}
