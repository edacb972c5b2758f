package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.MaxAbsScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.data.DataLocator;
import sparkgan.data.MnistData;
import sparkgan.io.ModelFile;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;

/**
 * GanEstimator and GanModel on real Spark with MNIST as a DataFrame: the same training as the
 * command line on the IDX files, through Parquet too; transform, generate, save and load, and a
 * Pipeline round trip.
 */
class GanEstimatorTest {
    private static final int IMAGES = 1500;
    private static final int STEPS = 6;
    /** The keys of a small GAN, as --set assignments and as setConfig calls. */
    private static final String[][] KEYS = {{"g.layers", "16,32,784"}, {"d.layers", "784,32,1"}, {"info.codes", "0"},
            {"train.batch", "32"}, {"d.dropout", "0.25"}};

    private static MnistData data;

    @BeforeAll
    static void openData() {
        data = DataLocator.fromUri(TestData.mnistDir().toAbsolutePath().toUri().toString(), IMAGES);
    }

    private static GanEstimator small() {
        GanEstimator gan = new GanEstimator().setPreset("mlp").setMaxIter(STEPS).setSeed(7).setNumPartitions(3).setPixelScale("0-255");
        for (String[] kv : KEYS) {
            gan.setConfig(kv[0], kv[1]);
        }
        return gan;
    }

    @Test
    void fitOnTheIdxFilesAsADataFrameEqualsTrainOnTheFiles(@TempDir Path tmp) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--data", TestData.mnistDir().toString(), "--out", tmp.resolve("run").toString(),
                "--master", "local[2]", "--preset", "mlp", "--steps", Integer.toString(STEPS), "--partitions", "3", "--seed", "7",
                "--set", "data.limit=" + IMAGES, "--set", "out.sampleEvery=0"));
        for (String[] kv : KEYS) {
            args.add("--set");
            args.add(kv[0] + "=" + kv[1]);
        }
        Process cli = ChildJvm.start(tmp.resolve("train.log"), List.of(), args.toArray(String[]::new));
        assertTrue(cli.waitFor(300, TimeUnit.SECONDS), "train finished");
        assertEquals(0, cli.exitValue(), Files.readString(tmp.resolve("train.log")));
        ModelFile trained = ModelFile.read(tmp.resolve("run").resolve("model.sgan").toString());

        // Four input partitions regrouped into three training partitions cut where the IDX reader cuts.
        GanModel model = small().fit(MnistFrames.vectors(data, 4));
        assertArrayEquals(trained.tensor("G"), model.modelFile().tensor("G"), "G as train makes it");
        assertArrayEquals(trained.tensor("D"), model.modelFile().tensor("D"), "D as train makes it");
        assertEquals(STEPS, model.iterations());
        assertEquals("1,28,28", model.configuration().get("image.shape"));

        // The same rows through Parquet, as array<float>, in one partition.
        Path parquet = tmp.resolve("mnist.parquet");
        MnistFrames.vectors(data, 2).select(org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float32").as("pixels"),
                functions.col("label")).coalesce(1).write().parquet(parquet.toString());
        Dataset<Row> fromParquet = SparkTestContext.session().read().parquet(parquet.toString());
        GanModel again = small().setFeaturesCol("pixels").fit(fromParquet);
        assertArrayEquals(trained.tensor("G"), again.modelFile().tensor("G"), "G from Parquet as train makes it");
        assertArrayEquals(trained.tensor("D"), again.modelFile().tensor("D"), "D from Parquet as train makes it");
    }

    @Test
    void transformGeneratesOneImagePerRowReproducibly(@TempDir Path tmp) throws Exception {
        Dataset<Row> frame = MnistFrames.vectors(data, 2);
        GanModel model = small().setMaxIter(2).setOutputCol("fake").fit(frame);
        Dataset<Row> input = frame.limit(40);
        List<Row> first = model.transform(input).collectAsList();
        assertEquals(40, first.size());
        Vector v = first.get(0).getAs("fake");
        assertEquals(784, v.size());
        double max = 0;
        for (Row r : first) {
            for (double x : ((Vector) r.getAs("fake")).toArray()) {
                assertTrue(x >= 0 && x <= 255, "pixels in the input's 0-255 scale: " + x);
                max = Math.max(max, x);
            }
        }
        assertTrue(max > 1, "0-255 output, not 0-1: largest " + max);
        assertEquals(vectors(first), vectors(model.transform(input).collectAsList()), "same model, rows and seed: same images");
        assertNotEquals(vectors(first), vectors(model.copy(org.apache.spark.ml.param.ParamMap.empty()).setSeed(99)
                .transform(input).collectAsList()), "another seed, other images");

        model.write().overwrite().save(tmp.resolve("model").toString());
        GanModel loaded = GanModel.load(tmp.resolve("model").toString());
        assertEquals(vectors(first), vectors(loaded.transform(input).collectAsList()), "the loaded model generates the same");
        assertEquals(model.uid(), loaded.uid());
        assertEquals("fake", loaded.getOrDefault(loaded.getParam("outputCol")));
        assertTrue(Files.isRegularFile(tmp.resolve("model").resolve("data").resolve("model.sgan")));

        List<Row> generated = model.generate(25, 3).collectAsList();
        assertEquals(25, generated.size());
        assertEquals(vectors(generated), vectors(model.generate(25, 3).collectAsList()));
        assertEquals(24L, (Long) generated.get(24).getAs("id"));
        for (int i = 0; i < generated.size(); i++) {
            Generated.assertRow(model, 3, i, -1, generated.get(i).getAs("fake"));
        }
    }

    @Test
    void aLabelColumnMakesItConditional() {
        GanEstimator gan = new GanEstimator().setPreset("cgan").setMaxIter(2).setNumPartitions(2).setPixelScale("0-255")
                .setLabelCol("label").setConfig("train.batch", "32");
        GanModel model = gan.fit(MnistFrames.vectors(data, 2));
        assertEquals(10, model.classes());
        List<Row> samples = model.generate(20, 1).collectAsList();
        assertEquals(7, ((Number) samples.get(17).getAs("label")).intValue(), "labels cycle through the classes");

        Dataset<Row> wrongLabels = MnistFrames.vectors(data, 2).limit(5).withColumn("label", functions.lit(12.0));
        Exception e = assertThrows(Exception.class, () -> model.transform(wrongLabels).collectAsList());
        assertTrue(rootMessage(e).contains("column 'label', row 0: 12.0; expected a class label from 0 to 9"), rootMessage(e));
    }

    @Test
    void aPipelineFitsSavesLoadsAndTransformsTheSame(@TempDir Path tmp) throws Exception {
        Dataset<Row> frame = MnistFrames.vectors(data, 2).withColumnRenamed("features", "raw");
        MaxAbsScaler scaler = new MaxAbsScaler().setInputCol("raw").setOutputCol("features");
        GanEstimator gan = small().setMaxIter(2).setPixelScale("0-1");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {scaler, gan});
        PipelineModel fitted = pipeline.fit(frame);
        Dataset<Row> input = frame.limit(30);
        List<Row> before = fitted.transform(input).collectAsList();

        fitted.write().overwrite().save(tmp.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(tmp.resolve("pipeline").toString());
        assertEquals(vectors(before), vectors(loaded.transform(input).collectAsList()));
        assertTrue(loaded.stages()[1] instanceof GanModel);

        pipeline.write().overwrite().save(tmp.resolve("unfitted").toString());
        Pipeline reloaded = Pipeline.load(tmp.resolve("unfitted").toString());
        GanEstimator estimator = (GanEstimator) reloaded.getStages()[1];
        assertEquals(gan.configuration().asMap(), estimator.configuration().asMap(), "the estimator's Params survive a save");
    }

    @Test
    void everyTrainingKeyIsAParamAndBadValuesAreRefusedByName() {
        GanEstimator gan = new GanEstimator();
        String explained = gan.explainParams();
        for (sparkgan.config.Param<?> key : StageParams.trainingKeys()) {
            assertTrue(explained.contains(key.name() + ": "), key.name() + " in explainParams");
        }
        assertTrue(explained.contains("train.batch: Global minibatch per step"), explained);
        assertFalse(explained.contains("out.sampleEvery"), "run-directory keys are not Params");
        assertEquals("config key 'train.batch' = 'many': expected an integer",
                assertThrows(BadInputException.class, () -> gan.setConfig("train.batch", "many")).getMessage());
        assertEquals("config key 'out.sampleEvery': not a GanEstimator Param: it belongs to the command line's run directory or data location",
                assertThrows(BadInputException.class, () -> gan.setConfig("out.sampleEvery", "5")).getMessage());
        assertEquals("config key 'train.steps': not a GanEstimator Param: it is set with maxIter, seed, numPartitions or imageShape",
                assertThrows(BadInputException.class, () -> gan.setConfig("train.steps", "5")).getMessage());
        assertEquals("--preset nope: no such preset (conf/presets/nope.properties)",
                assertThrows(BadInputException.class, () -> gan.setPreset("nope")).getMessage());
        assertEquals("64", gan.setPreset("dcgan").configuration().get("train.batch"), "unset keys take the preset's value");
        assertEquals("128", gan.setConfig("train.batch", "128").configuration().get("train.batch"), "a set key wins");
    }

    static List<List<Double>> vectors(List<Row> rows) {
        List<List<Double>> out = new ArrayList<>();
        for (Row r : rows) {
            Vector v = r.getAs(r.length() - 1);
            List<Double> values = new ArrayList<>();
            for (double x : v.toArray()) {
                values.add(x);
            }
            out.add(values);
        }
        return out;
    }

    static String rootMessage(Throwable t) {
        String message = t.getMessage();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInputException) {
                return c.getMessage();
            }
            message = c.getMessage();
        }
        return message;
    }
}
