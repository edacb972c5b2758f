package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageShape;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;

/**
 * The dcgan preset from GanEstimator: on colour 32x32 images from the image data source, and conditional
 * on MNIST's labels; every generated row is the model's image for its noise and label (Generated).
 */
class DcganEstimatorTest {
    @Test
    void dcganTrainsOnColourImagesOf32By32(@TempDir Path tmp) throws Exception {
        Dataset<Row> images = SparkTestContext.session().read().format("image")
                .load(ColourShapes.write(tmp.resolve("shapes"), 40, 32).toString());
        GanModel model = new GanEstimator().setPreset("dcgan").setFeaturesCol("image").setMaxIter(2).setNumPartitions(2)
                .setConfig("dcgan.width", "4").setConfig("train.batch", "16").fit(images);
        assertEquals(new ImageShape(3, 32, 32), model.imageShape());
        List<Row> samples = model.generate(4, 1).collectAsList();
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(3 * 32 * 32, ((Vector) samples.get(i).getAs("generated")).size());
            Generated.assertRow(model, 1, i, -1, samples.get(i).getAs("generated"));
        }
    }

    @Test
    void aConditionalDcganFromALabelColumn() {
        Dataset<Row> frame = MnistFrames.vectors(DataLocator.fromUri(TestData.mnistDir().toAbsolutePath().toUri().toString(), 600), 2);
        GanModel model = new GanEstimator().setPreset("dcgan").setLabelCol("label").setPixelScale("0-255").setMaxIter(2)
                .setNumPartitions(2).setConfig("dcgan.width", "4").setConfig("train.batch", "16").fit(frame);
        assertEquals(10, model.classes());
        assertEquals("10", model.configuration().get("cgan.classes"));
        List<Row> samples = model.generate(12, 2).collectAsList();
        assertEquals(1, ((Number) samples.get(11).getAs("label")).intValue(), "labels cycle through the 10 classes");
        assertEquals(784, ((Vector) samples.get(0).getAs("generated")).size());
        for (int i = 0; i < samples.size(); i++) {
            Generated.assertRow(model, 2, i, i % 10, samples.get(i).getAs("generated"));
            double other = Generated.maxDifference(Generated.row(model, 2, i, (i + 1) % 10, 255),
                    ((Vector) samples.get(i).getAs("generated")).toArray());
            assertTrue(other > 1.0, "row " + i + ": another label gives another image (" + other + ")");
        }
    }
}
