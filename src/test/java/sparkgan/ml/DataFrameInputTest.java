package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.data.Background;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.report.SampleImages;
import sparkgan.testing.SparkTestContext;

/**
 * What a DataFrame may hold and what it may not: images from Spark's image data source (colour, in
 * the right channel order) train and come back as colour grids; every bad column or row stops
 * {@code fit} before training with one line naming the column and the first offending row.
 */
class DataFrameInputTest {
    private static final StructType VECTORS = new StructType().add("features", SQLDataTypes.VectorType(), true)
            .add("label", DataTypes.DoubleType, true);

    private static Dataset<Row> frame(StructType schema, int partitions, Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        return SparkTestContext.session().createDataFrame(SparkTestContext.get().parallelize(list, partitions), schema);
    }

    private static Object[] row(Vector v, Double label) {
        return new Object[] {v, label};
    }

    private static String refusal(GanEstimator gan, Dataset<Row> data) {
        return assertThrows(BadInputException.class, () -> gan.fit(data)).getMessage();
    }

    private static GanEstimator tiny() {
        return new GanEstimator().setMaxIter(1).setNumPartitions(1).setConfig("train.batch", "2");
    }

    @Test
    void badColumnsAndRowsAreRefusedByColumnAndRow() {
        Vector ok = Vectors.dense(0, 0.5, 1, 0);
        assertEquals("column 'pixels' (featuresCol) is not in the DataFrame; its columns are features, label",
                refusal(tiny().setFeaturesCol("pixels"), frame(VECTORS, 1, row(ok, 1.0))));
        StructType text = new StructType().add("features", DataTypes.StringType);
        assertEquals("column 'features' (featuresCol) is string; expected a Vector, array<float>, array<double> or the image struct of the image data source",
                refusal(tiny(), frame(text, 1, new Object[] {"0,1"})));
        assertEquals("column 'features', row 2: null; expected an image",
                refusal(tiny(), frame(VECTORS, 1, row(ok, 1.0), row(ok, 1.0), row(null, 1.0))));
        assertEquals("column 'features', row 3: 5 values; the rows before it have 4; expected one size",
                refusal(tiny(), frame(VECTORS, 1, row(ok, 1.0), row(ok, 1.0), row(ok, 1.0), row(Vectors.dense(0, 0, 0, 0, 0), 1.0))));
        // The odd row opens the second partition: the sizes are compared across partitions too.
        assertEquals("column 'features', row 2: 5 values; the rows before it have 4; expected one size",
                refusal(tiny(), frame(VECTORS, 2, row(ok, 1.0), row(ok, 1.0), row(Vectors.dense(0, 0, 0, 0, 0), 1.0), row(ok, 1.0))));
        assertEquals("column 'features', row 1: NaN at position 2; expected finite pixel values",
                refusal(tiny(), frame(VECTORS, 1, row(ok, 1.0), row(Vectors.dense(0, 0, Double.NaN, 0), 1.0))));
        assertEquals("column 'features', row 1: Infinity at position 3; expected finite pixel values",
                refusal(tiny(), frame(VECTORS, 2, row(ok, 1.0), row(Vectors.sparse(4, new int[] {3}, new double[] {Double.POSITIVE_INFINITY}), 1.0))));
        assertEquals("column 'features', row 0: 255.0 at position 1; expected values from 0 to 1 (pixelScale 0-1)",
                refusal(tiny(), frame(VECTORS, 1, row(Vectors.dense(0, 255, 0, 0), 1.0))));
        assertEquals("column 'features': the DataFrame has no rows; expected at least one image",
                refusal(tiny(), frame(VECTORS, 1)));
        assertEquals("numPartitions = 3: more than the DataFrame's 2 rows; expected at most one partition per image",
                refusal(tiny().setNumPartitions(3), frame(VECTORS, 1, row(ok, 1.0), row(ok, 1.0))));
    }

    @Test
    void badLabelsAreRefusedByColumnAndRow() {
        Vector ok = Vectors.dense(0, 0.5, 1, 0);
        GanEstimator conditional = tiny().setPreset("cgan").setLabelCol("label");
        assertEquals("column 'label', row 1: -1.0; expected an integer class label from 0 to 255",
                refusal(conditional, frame(VECTORS, 1, row(ok, 1.0), row(ok, -1.0))));
        assertEquals("column 'label', row 2: 1.5; expected an integer class label from 0 to 255",
                refusal(conditional, frame(VECTORS, 2, row(ok, 1.0), row(ok, 0.0), row(ok, 1.5))));
        assertEquals("column 'label', row 0: null; expected a class label",
                refusal(conditional, frame(VECTORS, 1, row(ok, null))));
        assertEquals("column 'label', row 0: 300.0; expected an integer class label from 0 to 255",
                refusal(conditional, frame(VECTORS, 1, row(ok, 300.0))));
        StructType textLabels = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.StringType);
        assertEquals("column 'label' (labelCol) is string; expected integer class labels 0..K-1 of a numeric type",
                refusal(conditional, frame(textLabels, 1, new Object[] {ok, "three"})));
        assertEquals("column 'label', row 1: 4.0; expected an integer class label from 0 to 1",
                refusal(conditional.setConfig("cgan.classes", "2"), frame(VECTORS, 1, row(ok, 1.0), row(ok, 4.0))));
        assertEquals("config key 'cgan.classes' = 10: a conditional GAN needs labelCol (the column of class labels)",
                refusal(tiny().setPreset("cgan"), frame(VECTORS, 1, row(ok, 1.0), row(ok, 4.0))));
    }

    @Test
    void imagesOfMixedShapesOrChannelsAreRefused() {
        StructType images = new StructType().add("image", ImageSchema.columnSchema());
        Row rgb = imageRow(3, 8, 8);
        assertEquals("column 'image', row 2: an image of 3x4x8; the rows before it are 3x8x8; expected one shape",
                refusal(tiny().setFeaturesCol("image"), frame(images, 1, new Object[] {rgb}, new Object[] {rgb}, new Object[] {imageRow(3, 4, 8)})));
        assertEquals("column 'image', row 1: an image of 1x8x8; the rows before it are 3x8x8; expected one shape",
                refusal(tiny().setFeaturesCol("image"), frame(images, 2, new Object[] {rgb}, new Object[] {imageRow(1, 8, 8)})));
        assertEquals("column 'image', row 0: an image of 2 channels; expected 1 (grey), 3 (BGR) or 4 (BGRA, composited over the background)",
                refusal(tiny().setFeaturesCol("image"), frame(images, 1, new Object[] {imageRow(2, 8, 8)})));
        assertEquals("imageShape = 3,16,16: the images in column 'image' are 3x8x8; expected the same shape (or leave imageShape unset)",
                refusal(tiny().setFeaturesCol("image").setImageShape(3, 16, 16), frame(images, 1, new Object[] {rgb})));
    }

    @Test
    void anImageStructOfOtherTypesAndKryoWithoutTheRegistratorAreRefused() {
        StructType longHeight = new StructType().add("image", new StructType().add("origin", DataTypes.StringType)
                .add("height", DataTypes.LongType).add("width", DataTypes.IntegerType).add("nChannels", DataTypes.IntegerType)
                .add("mode", DataTypes.IntegerType).add("data", DataTypes.BinaryType));
        assertEquals("column 'image' (featuresCol): field height is bigint; expected int, as the image data source writes it",
                refusal(tiny().setFeaturesCol("image"), frame(longHeight, 1)));
        org.apache.spark.SparkConf kryo = new org.apache.spark.SparkConf().set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        assertEquals("spark.serializer = org.apache.spark.serializer.KryoSerializer: add spark.kryo.registrator="
                        + "sparkgan.spark.GanKryoRegistrator to the application's configuration (weights and gradients keep their own serialization)",
                assertThrows(BadInputException.class, () -> sparkgan.spark.SparkContexts.requireKryoRegistrator(kryo)).getMessage());
        sparkgan.spark.SparkContexts.requireKryoRegistrator(kryo.set("spark.kryo.registrator", "sparkgan.spark.GanKryoRegistrator"));
    }

    private static Row imageRow(int channels, int height, int width) {
        return RowFactory.create("mem://" + channels, height, width, channels, channels == 1 ? 0 : 16, new byte[height * width * channels]);
    }

    /**
     * Spark's image source keeps an RGBA file's alpha as a fourth byte (BGRA) and the RGB under it as the
     * file stores it: the estimator composites it over the background (a grey+alpha file reaches it as
     * one grey channel, its alpha already dropped by that source: train --format image reads those).
     */
    @Test
    void theImageDataSourceIsReadInRgbOrderAndItsAlphaCompositedOverTheBackground(@TempDir Path tmp) throws Exception {
        BufferedImage red = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        BufferedImage translucentBlue = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        BufferedImage transparentRed = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                red.setRGB(x, y, 0xFF0000);
                translucentBlue.setRGB(x, y, 0x800000FF);
                transparentRed.setRGB(x, y, 0x00FF0000);
            }
        }
        Files.createDirectories(tmp.resolve("rgb"));
        Files.createDirectories(tmp.resolve("rgba"));
        Files.createDirectories(tmp.resolve("transparent"));
        ImageIO.write(red, "png", tmp.resolve("rgb").resolve("red.png").toFile());
        ImageIO.write(translucentBlue, "png", tmp.resolve("rgba").resolve("blue.png").toFile());
        ImageIO.write(transparentRed, "png", tmp.resolve("transparent").resolve("red.png").toFile());
        assertEquals(List.of(1f, 0f, 0f), planes(tmp.resolve("rgb"), Background.WHITE), "red in the first plane");
        assertEquals(List.of(127 / 255f, 127 / 255f, 1f), planes(tmp.resolve("rgba"), Background.WHITE),
                "blue in the third plane, alpha 128 over white: 128/255 blue + 127/255 white");
        assertEquals(List.of(1f, 1f, 1f), planes(tmp.resolve("transparent"), Background.WHITE), "transparent red is white");
        assertEquals(List.of(0f, 0f, 0f), planes(tmp.resolve("transparent"), Background.BLACK), "transparent red is black");
        assertEquals(List.of(1f, 0f, 0f), planes(tmp.resolve("rgb"), Background.BLACK), "opaque red stays red");
        Dataset<Row> images = SparkTestContext.session().read().format("image").load(tmp.resolve("transparent").toString());
        assertEquals("config key 'background' = 'pink': expected white, black or R,G,B (each 0-255)",
                assertThrows(BadInputException.class, () -> tiny().setBackground("pink")).getMessage());
        // fit reads with its background: one D step on the transparent image differs between white and black.
        float[] overWhite = onePixelGan().setBackground("white").fit(images).modelFile().tensor("D");
        GanModel overBlack = onePixelGan().setBackground("black").fit(images);
        assertEquals("black", overBlack.getOrDefault(overBlack.getParam("background")), "the model keeps the Param");
        assertFalse(Arrays.equals(overWhite, overBlack.modelFile().tensor("D")), "D trained on white differs from D trained on black");
    }

    private static GanEstimator onePixelGan() {
        return tiny().setFeaturesCol("image").setSeed(5).setConfig("g.layers", "8,16,48").setConfig("d.layers", "48,16,1")
                .setConfig("info.codes", "0").setConfig("d.minibatchStd", "0").setConfig("train.batch", "1");
    }

    /** The first pixel of each of the three planes of the single image in {@code dir}, as training reads it. */
    private static List<Float> planes(Path dir, Background background) {
        Dataset<Row> images = SparkTestContext.session().read().format("image").load(dir.toString());
        DataFrameImages.Loaded loaded = DataFrameImages.load(images,
                new DataFrameImages.Request("image", null, null, PixelScale.UNIT, "pixelScale", 1, false, background));
        try {
            assertEquals(new ImageShape(3, 4, 4), loaded.shape());
            ImageBlock block = loaded.blocks().first();
            return List.of(block.data()[0], block.data()[16], block.data()[32]);
        } finally {
            loaded.blocks().unpersist(false);
        }
    }

    @Test
    void aFolderOfColourPngsTrainsAndGivesColourGrids(@TempDir Path tmp) throws Exception {
        Path folder = ColourShapes.write(tmp.resolve("shapes"), 48, 32);
        Dataset<Row> images = SparkTestContext.session().read().format("image").load(folder.toString());
        GanModel model = new GanEstimator().setFeaturesCol("image").setMaxIter(3).setNumPartitions(2)
                .setConfig("train.batch", "16").fit(images);
        assertEquals(new ImageShape(3, 32, 32), model.imageShape());
        assertEquals("120,256,512,1024,3072", model.configuration().get("g.layers"), "mlp's output follows the images");

        List<Row> samples = model.generate(16, 5).collectAsList();
        float[] unit = new float[16 * 3072];
        for (int s = 0; s < 16; s++) {
            double[] v = ((Vector) samples.get(s).getAs("generated")).toArray();
            assertEquals(3072, v.length);
            for (int i = 0; i < v.length; i++) {
                assertTrue(v[i] >= 0 && v[i] <= 255, "0-255, the image data source's scale");
                unit[s * 3072 + i] = (float) (v[i] / 255);
            }
        }
        Path grid = tmp.resolve("grid.png");
        Files.write(grid, SampleImages.pngGrid(unit, 16, model.imageShape(), 4));
        BufferedImage png = ImageIO.read(grid.toFile());
        assertTrue(sparkgan.testing.Pngs.hasColour(png), "a colour grid");
    }
}
