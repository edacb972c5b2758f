package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.ModelFile;
import sparkgan.testing.CliRun;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;

/**
 * {@code generate --out x.parquet} of a conditional model (cgan.classes = 10, trained three steps):
 * one row per sample with the columns id, label, image; the labels are the classes asked for (every
 * class in turn, or the one of {@code --digit}), and each row's image is the generator's for that
 * row's noise and label, exactly: the label column describes its own row, and the model does use it.
 */
class ConditionalParquetTest {
    @TempDir
    Path tmp;

    private static List<Row> rows(Path table) {
        return SparkTestContext.session().read().parquet(table.toString()).orderBy("id").collectAsList();
    }

    private static float[] image(Row row) {
        List<Float> values = row.getList(2);
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i);
        }
        return f;
    }

    @Test
    void theTableHoldsTheAskedClassesBesideTheirImages() {
        Path run = tmp.resolve("cgan");
        CliRun train = CliRun.of("train", "--engine", "local", "--data", TestData.mnistDir().toString(), "--out", run.toString(),
                "--preset", "cgan", "--steps", "3", "--partitions", "2", "--set", "g.layers=110,32,784",
                "--set", "d.layers=794,32,1", "--set", "data.limit=500", "--set", "out.sampleEvery=0");
        assertEquals(0, train.exitCode(), train.stderr());
        ModelFile model = ModelFile.read(run.resolve("model.sgan").toString());
        GanSpec spec = GanSpec.from(GanConfig.fromMap(model.config(), "model"));
        assertEquals(10, spec.classes());
        float[] g = model.samplingGenerator();
        int px = spec.image().pixels();

        int count = 25;
        Path all = tmp.resolve("all.parquet");
        CliRun r = CliRun.of("generate", "--model", run.toString(), "--count", Integer.toString(count), "--seed", "5",
                "--out", all.toString(), "--master", "local[2]");
        assertEquals(0, r.exitCode(), r.stderr());
        List<Row> rows = rows(all);
        assertEquals(count, rows.size());
        assertEquals(List.of("id", "label", "image"), List.of(rows.get(0).schema().fieldNames()));
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            assertEquals(i, rows.get(i).getLong(0));
            labels[i] = rows.get(i).getInt(1);
        }
        assertArrayEquals(Sampler.cyclingLabels(count, 10), labels, "every class in turn");
        assertEquals(10, Arrays.stream(labels).boxed().collect(java.util.stream.Collectors.toCollection(TreeSet::new)).size());
        float[] expected = Sampler.sample(spec, g, count, 5, labels);
        int[] shifted = Arrays.stream(labels).map(l -> (l + 1) % 10).toArray();
        float[] otherLabels = Sampler.sample(spec, g, count, 5, shifted);
        for (int i = 0; i < count; i++) {
            float[] got = image(rows.get(i));
            assertArrayEquals(Arrays.copyOfRange(expected, i * px, (i + 1) * px), got, "row " + i + ": G's image for its noise and label " + labels[i]);
            assertFalse(Arrays.equals(Arrays.copyOfRange(otherLabels, i * px, (i + 1) * px), got), "row " + i + ": another label gives another image");
        }

        Path three = tmp.resolve("three.parquet");
        r = CliRun.of("generate", "--model", run.toString(), "--count", "8", "--seed", "5", "--digit", "3", "--out", three.toString(),
                "--master", "local[2]");
        assertEquals(0, r.exitCode(), r.stderr());
        rows = rows(three);
        assertEquals(8, rows.size());
        int[] asked = new int[8];
        Arrays.fill(asked, 3);
        float[] threes = Sampler.sample(spec, g, 8, 5, asked);
        for (int i = 0; i < 8; i++) {
            assertEquals(3, rows.get(i).getInt(1), "row " + i);
            assertArrayEquals(Arrays.copyOfRange(threes, i * px, (i + 1) * px), image(rows.get(i)), "row " + i);
        }
        assertTrue(image(rows.get(0)).length == px);
    }
}
