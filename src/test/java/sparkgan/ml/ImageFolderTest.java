package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.data.Background;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.testing.SparkTestContext;

/**
 * {@code train --format image} reads a folder's files itself (binaryFile, javax.imageio): every pixel
 * composited over data.background (RGBA, grey+alpha and palette files alike), grey and colour files
 * mixed in one run of the folder's channel count, opaque files read exactly as Spark's image source
 * reads them, and a file javax.imageio cannot read named or, when asked, skipped and counted.
 */
class ImageFolderTest {
    private static final int SIDE = 4;
    private static final int PLANE = SIDE * SIDE;
    private static final int TRANSPARENT_RED = 0x00FF0000;
    private static final int OPAQUE_BLUE = 0xFF0000FF;
    private static final int HALF_RED = 0x80FF0000;

    @TempDir
    static Path tmp;
    private static Path colour;
    private static Path grey;

    /**
     * a-rgba: transparent red but for opaque blue at (1,0) and half-transparent red at (2,0); b-grey-alpha:
     * transparent grey 100 but for opaque grey 128 at (0,0); c-grey: opaque grey 50 but for 128 at (0,0);
     * d-palette: a transparent red entry everywhere but for an opaque green one at (0,0); e-rgba-grey:
     * transparent red but for opaque grey 90 at (0,0): grey once composited.
     */
    @BeforeAll
    static void writeFolders() throws IOException {
        colour = Files.createDirectories(tmp.resolve("colour"));
        grey = Files.createDirectories(tmp.resolve("grey"));
        BufferedImage rgba = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);
        fill(rgba, TRANSPARENT_RED);
        rgba.setRGB(1, 0, OPAQUE_BLUE);
        rgba.setRGB(2, 0, HALF_RED);
        write(rgba, colour.resolve("a-rgba.png"));
        write(greyAlpha(), colour.resolve("b-grey-alpha.png"));
        write(greyAlpha(), grey.resolve("b-grey-alpha.png"));
        write(opaqueGrey(), colour.resolve("c-grey.png"));
        write(opaqueGrey(), grey.resolve("c-grey.png"));
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {(byte) 255, 0}, new byte[] {0, (byte) 255},
                new byte[] {0, 0}, new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSample(0, 0, 0, 1);
        write(indexed, colour.resolve("d-palette.png"));
        BufferedImage rgbaGrey = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);
        fill(rgbaGrey, TRANSPARENT_RED);
        rgbaGrey.setRGB(0, 0, 0xFF5A5A5A);
        write(rgbaGrey, grey.resolve("e-rgba-grey.png"));
    }

    private static BufferedImage greyAlpha() {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(SIDE, SIDE);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                raster.setPixel(x, y, x == 0 && y == 0 ? new int[] {128, 255} : new int[] {100, 0});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static BufferedImage opaqueGrey() {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                image.getRaster().setSample(x, y, 0, x == 0 && y == 0 ? 128 : 50);
            }
        }
        return image;
    }

    private static void fill(BufferedImage image, int argb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, argb);
            }
        }
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        assertTrue(ImageIO.write(image, "png", file.toFile()), "a PNG writer for " + file);
    }

    /** A folder read as train reads it: its shape, count, the pixels (tanh range), the labels and the notices. */
    private record Read(ImageShape shape, int count, float[] data, byte[] labels, List<String> notices) {
        /** Channel c of pixel (x, y) of image i. */
        float at(int image, int c, int x, int y) {
            return data[image * shape.pixels() + c * PLANE + y * SIDE + x];
        }

        float[] rgb(int image, int x, int y) {
            return new float[] {at(image, 0, x, y), at(image, 1, x, y), at(image, 2, x, y)};
        }
    }

    private static Read read(Path folder, String... settings) {
        GanConfig config = GanConfig.defaults().with("data.uri", folder.toString()).with("data.format", "image");
        for (String s : settings) {
            config = config.with(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        List<String> notices = new ArrayList<>();
        DataFrameSource source = DataFrameSource.read(SparkTestContext.get(), config, 1, notices::add);
        try {
            ImageBlock block = source.blocks().first();
            return new Read(source.shape(), source.count(), block.data().clone(),
                    block.labels() == null ? null : block.labels().clone(), notices);
        } finally {
            source.blocks().unpersist(false);
        }
    }

    /** A byte as the tanh generator's range holds it (RowBlock: x / 255 in float, then 2x - 1). */
    private static float px(int value) {
        return 2f * (value / 255f) - 1f;
    }

    private static float[] rgb(int r, int g, int b) {
        return new float[] {px(r), px(g), px(b)};
    }

    @Test
    void transparentPixelsAreTheBackgroundAndGreyFilesJoinAColourFolderAsThreeEqualPlanes() throws IOException {
        BufferedImage written = ImageIO.read(colour.resolve("b-grey-alpha.png").toFile());
        assertEquals(ColorSpace.TYPE_GRAY, written.getColorModel().getColorSpace().getType(), "b-grey-alpha.png is grey+alpha");
        assertTrue(written.getColorModel().hasAlpha(), "b-grey-alpha.png is grey+alpha");
        ColorModel indexed = ImageIO.read(colour.resolve("d-palette.png").toFile()).getColorModel();
        assertTrue(indexed instanceof IndexColorModel && indexed.hasAlpha(), "d-palette.png is a palette with alpha");

        Read r = read(colour);
        assertEquals(new ImageShape(3, SIDE, SIDE), r.shape(), "one colour file makes the run colour");
        assertEquals(4, r.count());
        assertEquals(List.of(), r.notices());
        // a-rgba
        assertArrayEquals(rgb(255, 255, 255), r.rgb(0, 0, 0), "transparent red is white: 1.0 in every plane");
        assertArrayEquals(new float[] {1f, 1f, 1f}, r.rgb(0, 3, 3));
        assertArrayEquals(rgb(0, 0, 255), r.rgb(0, 1, 0), "opaque blue keeps its colour, in the third plane");
        assertArrayEquals(rgb(255, 127, 127), r.rgb(0, 2, 0), "alpha 128 of red over white: 128/255 red + 127/255 white");
        // b-grey-alpha: its alpha is used (Spark's image source drops it)
        assertArrayEquals(rgb(255, 255, 255), r.rgb(1, 1, 1), "transparent grey is white");
        assertArrayEquals(rgb(128, 128, 128), r.rgb(1, 0, 0), "grey 128 as stored, three equal planes (not getRGB's 188)");
        // c-grey: opaque grey, three equal planes
        assertArrayEquals(rgb(128, 128, 128), r.rgb(2, 0, 0));
        assertArrayEquals(rgb(50, 50, 50), r.rgb(2, 3, 1));
        // d-palette: a palette with alpha
        assertArrayEquals(rgb(0, 255, 0), r.rgb(3, 0, 0), "the opaque green entry");
        assertArrayEquals(rgb(255, 255, 255), r.rgb(3, 1, 0), "the transparent red entry is white");
    }

    @Test
    void theBackgroundIsBlackOrAnyColour() {
        Read black = read(colour, "data.background=black");
        assertArrayEquals(new float[] {-1f, -1f, -1f}, black.rgb(0, 0, 0), "transparent red is black: -1.0 in every plane");
        assertArrayEquals(rgb(128, 0, 0), black.rgb(0, 2, 0), "alpha 128 of red over black");
        assertArrayEquals(rgb(0, 0, 255), black.rgb(0, 1, 0));
        assertArrayEquals(rgb(0, 0, 0), black.rgb(1, 2, 2), "transparent grey is black");
        Read teal = read(colour, "data.background=0,128,255");
        assertArrayEquals(rgb(0, 128, 255), teal.rgb(0, 0, 0), "R,G,B in that order");
        assertArrayEquals(rgb(0, 128, 255), teal.rgb(3, 2, 2));
        assertEquals("config key 'data.background' = 'pink': expected white, black or R,G,B (each 0-255)",
                assertThrows(BadInputException.class, () -> GanConfig.defaults().with("data.background", "pink").get(GanParams.DATA_BACKGROUND)).getMessage());
        assertEquals("config key 'data.background' = '0,128,256': expected white, black or R,G,B (each 0-255)",
                assertThrows(BadInputException.class, () -> GanConfig.defaults().with("data.background", "0,128,256").get(GanParams.DATA_BACKGROUND)).getMessage());
    }

    @Test
    void aFolderWithoutColourIsOneChannelAndImageShapeChoosesTheChannels() {
        Read g = read(grey);
        assertEquals(new ImageShape(1, SIDE, SIDE), g.shape(), "grey, grey+alpha and RGBA whose colour is all transparent");
        assertEquals(px(128), g.at(0, 0, 0, 0));
        assertEquals(1f, g.at(0, 0, 2, 2), "transparent grey is white");
        assertEquals(px(50), g.at(1, 0, 1, 1));
        assertEquals(px(90), g.at(2, 0, 0, 0), "the RGBA file's opaque grey");
        assertEquals(1f, g.at(2, 0, 1, 0), "its transparent red is white, so the folder has no colour");

        Read luma = read(colour, "image.shape=1,4,4");
        assertEquals(new ImageShape(1, SIDE, SIDE), luma.shape());
        assertEquals(px(29), luma.at(0, 0, 1, 0), "blue: 0.114 x 255 = 29.07");
        assertEquals(px(165), luma.at(0, 0, 2, 0), "(255, 127, 127): 76.2 + 74.5 + 14.5 = 165.2");
        assertEquals(px(150), luma.at(3, 0, 0, 0), "green: 0.587 x 255 = 149.7");
        assertEquals(1f, luma.at(0, 0, 0, 0), "white stays white");
        assertEquals(px(128), luma.at(1, 0, 0, 0), "grey stays its value");

        Read three = read(grey, "image.shape=3,4,4");
        assertEquals(new ImageShape(3, SIDE, SIDE), three.shape());
        assertArrayEquals(rgb(90, 90, 90), three.rgb(2, 0, 0));
        assertArrayEquals(rgb(50, 50, 50), three.rgb(1, 3, 3));
    }

    @Test
    void opaqueFilesGiveExactlyTheStructsOfSparksImageSource() throws IOException {
        Path shapes = ColourShapes.write(tmp.resolve("shapes"), 6, 8);
        Path greys = Files.createDirectories(tmp.resolve("opaque-grey"));
        write(opaqueGrey(), greys.resolve("one.png"));
        BufferedImage other = opaqueGrey();
        other.getRaster().setSample(3, 3, 0, 201);
        write(other, greys.resolve("two.png"));
        SparkSession spark = SparkTestContext.session();
        for (Path folder : List.of(shapes, greys)) {
            List<Row> ours = new ImageFolder(Background.WHITE, false, 0, null, line -> { }).read(spark, folder.toString()).collectAsList();
            List<Row> spark3 = spark.read().format("image").load(folder.toString()).orderBy("image.origin").collectAsList();
            assertEquals(spark3.size(), ours.size(), folder.toString());
            for (int i = 0; i < ours.size(); i++) {
                Row a = ours.get(i).getStruct(0);
                Row b = spark3.get(i).getStruct(0);
                // The origin names the same file (Spark's image source writes file:///, binaryFile file:/).
                assertEquals(new org.apache.hadoop.fs.Path(b.getString(0)).toUri().getPath(),
                        new org.apache.hadoop.fs.Path(a.getString(0)).toUri().getPath(), folder + " row " + i + " origin");
                for (int f = 1; f < 5; f++) {
                    assertEquals(b.get(f), a.get(f), folder + " row " + i + " field " + b.schema().fields()[f].name());
                }
                assertArrayEquals((byte[]) b.get(5), (byte[]) a.get(5), folder + " row " + i + " data");
            }
        }
    }

    @Test
    void aFileImageioCannotReadIsNamedOrSkippedAndCounted() throws IOException {
        Path mixed = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(colour.resolve("a-rgba.png"), mixed.resolve("a-rgba.png"));
        Files.writeString(mixed.resolve("m-notes.txt"), "not an image\n");
        BufferedImage big = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            big.setRGB(i % 64, i / 64, (int) (i * 2654435761L)); // noise, so that half the file is half its pixels
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(big, "png", png);
        Files.write(mixed.resolve("t-truncated.png"), Arrays.copyOf(png.toByteArray(), png.size() / 2));

        String notes = mixed.resolve("m-notes.txt").toUri().toString().replace("file:///", "file:/");
        assertEquals(notes + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP) (the first by name of 2 such files)"
                        + "; expected only images in the folder, or data.skipUnreadable = true",
                assertThrows(BadInputException.class, () -> read(mixed)).getMessage());

        Read skipped = read(mixed, "data.skipUnreadable=true");
        assertEquals(List.of("notice: --data " + mixed + ": skipped 2 of 3 files that javax.imageio cannot read "
                + "(data.skipUnreadable = true): m-notes.txt, t-truncated.png"), skipped.notices());
        assertEquals(1, skipped.count());
        assertArrayEquals(rgb(0, 0, 255), skipped.rgb(0, 1, 0), "the readable file trains");

        Path none = Files.createDirectories(tmp.resolve("none"));
        Files.writeString(none.resolve("notes.txt"), "still not an image\n");
        assertEquals("--data " + none + ": none of its 1 files is an image javax.imageio can read (PNG, JPEG, GIF, BMP); expected at least one",
                assertThrows(BadInputException.class, () -> read(none, "data.skipUnreadable=true")).getMessage());
    }

    @Test
    void aLabelsCsvBesideTheFolderGivesEachFileItsClassNamesNumberedInSortedOrder() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("labelled"));
        Files.copy(colour.resolve("a-rgba.png"), folder.resolve("a-rgba.png"));
        Files.copy(colour.resolve("c-grey.png"), folder.resolve("c-grey.png"));
        Files.copy(colour.resolve("d-palette.png"), folder.resolve("d-palette.png"));
        Path csv = tmp.resolve("labels.csv");
        Files.writeString(csv, "file,category,name\nc-grey.png,\"Smileys, faces\",grey\n./a-rgba.png,Animals,red\n"
                + "d-palette.png,Animals,green\ngone.png,Flags,none\n");

        Read read = read(folder, "cgan.classes=3", "data.labels=" + csv, "data.labelCol=category");
        assertEquals(3, read.count());
        assertArrayEquals(new byte[] {0, 2, 0}, read.labels(), "a-rgba Animals, c-grey 'Smileys, faces', d-palette Animals: files by name");
        assertArrayEquals(rgb(0, 0, 255), read.rgb(0, 1, 0), "the pixels are the files' as without labels");
        assertEquals(List.of("notice: data.labels " + csv + ": the classes of 3 images (1 of its rows name no image file and are not used); "
                + "classes 0 = Animals, 1 = Flags, 2 = Smileys, faces"), read.notices());

        Path numbers = tmp.resolve("numbers.csv");
        Files.writeString(numbers, "image,digit\na-rgba.png,2\nc-grey.png,0\nd-palette.png,1\n");
        assertArrayEquals(new byte[] {2, 0, 1}, read(folder, "cgan.classes=5", "data.labels=" + numbers, "data.labelCol=digit",
                "data.labelsFileCol=image").labels(), "integers are the labels themselves");
    }

    @Test
    void aLabelsCsvThatDoesNotFitTheFolderIsRefusedInOneLine() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("half-labelled"));
        Files.copy(colour.resolve("a-rgba.png"), folder.resolve("a-rgba.png"));
        Files.copy(colour.resolve("c-grey.png"), folder.resolve("c-grey.png"));
        Path csv = tmp.resolve("half.csv");
        Files.writeString(csv, "file,label\na-rgba.png,cat\nb.png,dog\n");
        assertEquals("data.labels " + csv + ": no row for the image c-grey.png of --data " + folder
                        + "; expected one row per image, naming it by its path under the folder",
                assertThrows(BadInputException.class, () -> read(folder, "cgan.classes=2", "data.labels=" + csv)).getMessage());
        assertEquals("data.labels " + csv + ": column 'label' holds 2 class names; expected cgan.classes = 3 of them (set cgan.classes = 2)",
                assertThrows(BadInputException.class, () -> read(folder, "cgan.classes=3", "data.labels=" + csv)).getMessage());
        assertEquals("data.labels " + csv + ": no column 'category' (data.labelCol, as --label-col); its header names file, label",
                assertThrows(BadInputException.class, () -> read(folder, "cgan.classes=2", "data.labels=" + csv,
                        "data.labelCol=category")).getMessage());

        Path big = tmp.resolve("big.csv");
        Files.writeString(big, "file,label\na-rgba.png,1\nc-grey.png,7\n");
        assertEquals("data.labels " + big + ", row 2 (after the header): class 7 for c-grey.png; expected a class from 0 to 4 (cgan.classes = 5)",
                assertThrows(BadInputException.class, () -> read(folder, "cgan.classes=5", "data.labels=" + big)).getMessage());
        Path twice = tmp.resolve("twice.csv");
        Files.writeString(twice, "file,label\na-rgba.png,1\nc-grey.png,0\na-rgba.png,0\n");
        assertEquals("data.labels " + twice + ", row 3 (after the header): a-rgba.png is named a second time; expected one row per file",
                assertThrows(BadInputException.class, () -> read(folder, "cgan.classes=2", "data.labels=" + twice)).getMessage());

        assertEquals("config key 'cgan.classes' = 2: with --format image a conditional GAN needs data.labels (as --labels), "
                        + "a CSV naming each image file's class",
                assertThrows(BadInputException.class, () -> read(folder, "cgan.classes=2")).getMessage());
        GanConfig idx = GanConfig.defaults().with("data.labels", csv.toString()).with("cgan.classes", "2");
        assertEquals("config key 'data.labels' = '" + csv + "': gives the classes of a folder of images; expected data.format = image "
                        + "(--format image) and cgan.classes > 0, here auto and 2",
                assertThrows(BadInputException.class, () -> sparkgan.config.ConfigRules.checkData(idx)).getMessage());
    }
}
