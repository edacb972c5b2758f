package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;
import sparkgan.testing.ReportCheck;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;

/**
 * {@code train --data} through Spark's data sources: MNIST as Parquet trains exactly as the IDX files
 * do; a CSV with its label in the first column trains a conditional GAN; a folder of colour PNGs
 * trains and draws colour grids; a missing path or the in-process engine is refused in one line.
 */
class DataSourceTrainTest {
    private static final int IMAGES = 600;
    @TempDir
    static Path tmp;
    private static MnistData data;

    @BeforeAll
    static void writeTables() throws Exception {
        data = DataLocator.fromUri(TestData.mnistDir().toAbsolutePath().toUri().toString(), IMAGES);
        ImageBlock all = data.readBlock(0, 1, false);
        List<Row> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        StringBuilder libsvm = new StringBuilder();
        for (int r = 0; r < all.rows(); r++) {
            float[] pixels = new float[784];
            csv.append(all.labels()[r]);
            libsvm.append(all.labels()[r]);
            for (int i = 0; i < 784; i++) {
                pixels[i] = Math.round(all.data()[r * 784 + i] * 255f);
                csv.append(',').append((int) pixels[i]);
                if (pixels[i] != 0) {
                    libsvm.append(' ').append(i + 1).append(':').append((int) pixels[i]);
                }
            }
            csv.append('\n');
            libsvm.append('\n');
            rows.add(RowFactory.create(pixels, (int) all.labels()[r]));
        }
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.FloatType)).add("label", DataTypes.IntegerType);
        SparkSession spark = SparkTestContext.session();
        spark.createDataFrame(SparkTestContext.get().parallelize(rows, 3), schema).write().parquet(tmp.resolve("mnist.parquet").toString());
        Files.writeString(tmp.resolve("mnist.csv"), csv);
        Files.writeString(tmp.resolve("mnist.libsvm"), libsvm);
    }

    private static String[] train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--master", "local[2]", "--out", out.toString(), "--steps", "4",
                "--partitions", "2", "--seed", "3", "--set", "out.sampleEvery=0", "--set", "g.layers=16,32,784",
                "--set", "d.layers=784,32,1", "--set", "info.codes=0", "--set", "train.batch=32"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** MNIST as 3-part Parquet (array<float>), as libsvm (sparse, the last pixels absent) and as CSV (label first). */
    @Test
    void everySourceTrainsAsTheIdxFiles() {
        CliRun idx = CliRun.of(train(tmp.resolve("idx"), "--data", TestData.mnistDir().toString(), "--set", "data.limit=" + IMAGES));
        assertEquals(0, idx.exitCode(), idx.stderr());
        ModelFile a = ModelFile.read(tmp.resolve("idx").resolve("model.sgan").toString());
        String[][] sources = {{"parquet", "mnist.parquet", "--features-col", "pixels"}, {"libsvm", "mnist.libsvm"},
                {"csv", "mnist.csv", "--label-col", "_c0"}};
        for (String[] source : sources) {
            List<String> args = new ArrayList<>(List.of("--data", tmp.resolve(source[1]).toString()));
            args.addAll(List.of(source).subList(2, source.length));
            Path out = tmp.resolve("from-" + source[0]);
            CliRun r = CliRun.of(train(out, args.toArray(String[]::new)));
            assertEquals(0, r.exitCode(), source[0] + ": " + r.stderr());
            ModelFile c = ModelFile.read(out.resolve("model.sgan").toString());
            assertArrayEquals(a.tensor("G"), c.tensor("G"), source[0] + ": G as from the IDX files");
            assertArrayEquals(a.tensor("D"), c.tensor("D"), source[0] + ": D as from the IDX files");
        }
        ModelFile b = ModelFile.read(tmp.resolve("from-parquet").resolve("model.sgan").toString());
        assertTrue(b.lineage().get("data.files").contains(".parquet"), "the Parquet files are the run's data identity: " + b.lineage());
    }

    /** The labels are read right: the conditional GAN trains bit for bit as from the IDX files' labels. */
    @Test
    void aCsvWithItsLabelFirstTrainsAConditionalGan() {
        String[] cgan = {"--preset", "cgan", "--set", "g.layers=26,32,784", "--set", "d.layers=794,32,1"};
        CliRun r = CliRun.of(train(tmp.resolve("csv"), concat(cgan, "--data", tmp.resolve("mnist.csv").toString(), "--label-col", "_c0")));
        assertEquals(0, r.exitCode(), r.stderr());
        ModelFile model = ModelFile.read(tmp.resolve("csv").resolve("model.sgan").toString());
        assertEquals("10", model.config().get("cgan.classes"));
        assertEquals(4, model.iteration());
        CliRun idx = CliRun.of(train(tmp.resolve("csv-idx"), concat(cgan, "--data", TestData.mnistDir().toString(), "--set", "data.limit=" + IMAGES)));
        assertEquals(0, idx.exitCode(), idx.stderr());
        ModelFile fromIdx = ModelFile.read(tmp.resolve("csv-idx").resolve("model.sgan").toString());
        assertArrayEquals(fromIdx.tensor("G"), model.tensor("G"), "G as from the IDX files and their labels");
        assertArrayEquals(fromIdx.tensor("D"), model.tensor("D"), "D as from the IDX files and their labels");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aFolderOfColourImagesTrainsAndDrawsColourGrids() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("squares"));
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        for (int i = 0; i < 30; i++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(colours[i % 3]);
            g.fillRect(i % 8, i % 5, 8, 8);
            g.dispose();
            ImageIO.write(image, "png", folder.resolve("square-" + i + ".png").toFile());
        }
        Path out = tmp.resolve("colour");
        CliRun r = CliRun.of("train", "--master", "local[2]", "--out", out.toString(), "--steps", "3", "--partitions", "2",
                "--set", "out.sampleEvery=0", "--set", "out.sampleCount=16", "--set", "g.layers=16,32,768", "--set", "d.layers=768,32,1",
                "--set", "info.codes=0", "--set", "train.batch=8", "--data", folder.toString(), "--format", "image");
        assertEquals(0, r.exitCode(), r.stderr());
        ModelFile model = ModelFile.read(out.resolve("model.sgan").toString());
        assertEquals("3,16,16", model.config().get("image.shape"));
        Path grid;
        try (var pngs = Files.list(out.resolve("samples"))) {
            grid = pngs.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
        BufferedImage png = ImageIO.read(grid.toFile());
        assertTrue(sparkgan.testing.Pngs.hasColour(png), "the sample grid " + grid + " is in colour");
    }

    /** Rows of 10 numbers in 0-1 (two correlated Gaussian bumps): tabular data trains, without sample grids. */
    @Test
    void tabularRowsTrainWithoutGrids() throws Exception {
        java.util.Random rng = new java.util.Random(2);
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < 400; r++) {
            double centre = rng.nextDouble();
            for (int c = 0; c < 10; c++) {
                double x = Math.exp(-Math.pow(c / 9.0 - centre, 2) * 20);
                csv.append(c == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.4f", x));
            }
            csv.append('\n');
        }
        Files.writeString(tmp.resolve("rows.csv"), csv);
        Path out = tmp.resolve("tabular");
        CliRun r = CliRun.of("train", "--master", "local[2]", "--out", out.toString(), "--steps", "3", "--partitions", "2",
                "--set", "out.sampleEvery=1", "--set", "g.layers=16,32,10", "--set", "d.layers=10,32,1", "--set", "info.codes=0",
                "--set", "train.batch=16", "--set", "data.pixelScale=0-1", "--data", tmp.resolve("rows.csv").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("1,1,10", ModelFile.read(out.resolve("model.sgan").toString()).config().get("image.shape"));
        assertTrue(!Files.exists(out.resolve("samples")) || Files.list(out.resolve("samples")).findAny().isEmpty(), "no grids of flat vectors");
        ReportCheck.assertDescribes(out, "rows.csv");
    }

    @Test
    void aMissingPathOrTheLocalEngineIsRefusedInOneLine() {
        CliRun missing = CliRun.of(train(tmp.resolve("missing"), "--data", tmp.resolve("nothing.parquet").toString()));
        assertEquals(Main.EXIT_BAD_INPUT, missing.exitCode());
        assertEquals("error: --data " + tmp.resolve("nothing.parquet") + ": no such file or directory (--format parquet)",
                String.join("\n", missing.errorLines()));
        CliRun local = CliRun.of(train(tmp.resolve("local"), "--engine", "local", "--data", tmp.resolve("mnist.parquet").toString()));
        assertEquals(Main.EXIT_BAD_INPUT, local.exitCode());
        assertEquals("error: --engine local: reads IDX files only; --format parquet is read by Spark (--engine spark)",
                String.join("\n", local.errorLines()));
        CliRun wrongColumn = CliRun.of(train(tmp.resolve("wrong"), "--data", tmp.resolve("mnist.parquet").toString()));
        assertEquals("error: column 'features' (featuresCol) is not in the DataFrame; its columns are pixels, label",
                String.join("\n", wrongColumn.errorLines()));
        assertTrue(!Files.exists(tmp.resolve("wrong")), "nothing written");
    }
}
