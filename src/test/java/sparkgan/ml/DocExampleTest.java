package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.data.DataLocator;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;

/**
 * The Java example of docs/SPARK-ML.md, compiled exactly as written there and run in a JVM of its own
 * (spark.master local[2]) on MNIST written to Parquet as the example expects it.
 */
class DocExampleTest {
    @Test
    void theDocumentedJavaExampleCompilesAndRuns(@TempDir Path tmp) throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("project.basedir", "."), "docs", "SPARK-ML.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(), "a java block in docs/SPARK-ML.md");
        Path source = Files.createDirectories(tmp.resolve("src")).resolve("GanExample.java");
        Files.writeString(source, block.group(1));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        assertEquals(0, compiled, "the example compiles");

        Path table = tmp.resolve("mnist.parquet");
        Dataset<Row> frame = MnistFrames.vectors(DataLocator.fromUri(TestData.mnistDir().toAbsolutePath().toUri().toString(), 1000), 2);
        frame.select(org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float32").as("pixels"),
                functions.col("label").cast("int").as("label")).write().parquet(table.toString());

        Path model = tmp.resolve("model");
        Path log = tmp.resolve("example.log");
        Process run = ChildJvm.startMain(log, List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false"), classes, "GanExample",
                table.toString(), model.toString(), "3");
        assertTrue(run.waitFor(300, TimeUnit.SECONDS), "the example finished");
        String output = Files.readString(log);
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("trained 3 iterations on images of 1x28x28; wrote 100 samples"), output);
        Dataset<Row> samples = SparkTestContext.session().read().parquet(model.resolve("samples.parquet").toString());
        assertEquals(100, samples.count());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), samples.orderBy("id").limit(10).select("label").as(
                org.apache.spark.sql.Encoders.INT()).collectAsList());
        assertTrue(Files.isRegularFile(model.resolve("data").resolve("model.sgan")));
    }
}
