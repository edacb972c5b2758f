package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageShape;
import sparkgan.gan.GanSpec;
import sparkgan.config.GanConfig;
import sparkgan.nn.Conv2d;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;

/**
 * The conv preset from GanEstimator: the family fits its stages to the data's shape (32x32 colour:
 * three stages down to 4x4), and a label column makes it conditional.
 */
class ConvEstimatorTest {
    private static GanEstimator small() {
        return new GanEstimator().setPreset("conv").setMaxIter(2).setNumPartitions(2).setConfig("conv.width", "4")
                .setConfig("conv.dHidden", "16").setConfig("conv.gHidden", "16").setConfig("train.batch", "16");
    }

    @Test
    void convTrainsOnColourImagesOf32By32WithThreeStages(@TempDir Path tmp) throws Exception {
        Dataset<Row> images = SparkTestContext.session().read().format("image")
                .load(ColourShapes.write(tmp.resolve("shapes"), 40, 32).toString());
        GanModel model = small().setFeaturesCol("image").fit(images);
        assertEquals(new ImageShape(3, 32, 32), model.imageShape());
        GanSpec spec = GanSpec.from(GanConfig.fromMap(model.configuration(), "model"));
        assertEquals(new Conv2d(8, 8, 8, 16, 4, 2, 1), spec.discriminator().layer(6),
                "the third stage (after two of convolution, activation, dropout) ends at 4x4");
        List<Row> samples = model.generate(4, 1).collectAsList();
        assertEquals(3 * 32 * 32, ((Vector) samples.get(0).getAs("generated")).size());
        for (int i = 0; i < samples.size(); i++) {
            Generated.assertRow(model, 1, i, -1, samples.get(i).getAs("generated"));
        }
    }

    @Test
    void aConditionalConvFromALabelColumn() {
        Dataset<Row> frame = MnistFrames.vectors(DataLocator.fromUri(TestData.mnistDir().toAbsolutePath().toUri().toString(), 600), 2);
        GanModel model = small().setLabelCol("label").setPixelScale("0-255").fit(frame);
        assertEquals(10, model.classes());
        assertEquals("0", model.configuration().get("info.codes"), "a label column turns the code off");
        List<Row> samples = model.generate(12, 2).collectAsList();
        for (int i = 0; i < samples.size(); i++) {
            Generated.assertRow(model, 2, i, i % 10, samples.get(i).getAs("generated"));
        }
    }
}
