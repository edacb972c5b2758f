package sparkgan.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import sparkgan.data.DataLocator;
import sparkgan.data.MnistData;
import sparkgan.gan.GanConfig;

/** Where tests find data: MNIST_DIR, else -Dmnist.dir (set by the pom), else ../shared/data/mnist. */
public final class TestData {
    private TestData() {
    }

    public static Path mnistDir() {
        String env = System.getenv("MNIST_DIR");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("mnist.dir", "../shared/data/mnist"));
    }

    public static boolean hasRealMnist() {
        return Files.isRegularFile(mnistDir().resolve("train-images-idx3-ubyte.gz"));
    }

    /** Real MNIST when present, else the embedded sample (as the issue asks). */
    public static MnistData mnistOrEmbedded(int limit) {
        if (hasRealMnist()) {
            return DataLocator.fromUri(mnistDir().toAbsolutePath().toUri().toString(), limit);
        }
        return DataLocator.embedded(limit);
    }

    /** A small GAN that trains in seconds; keys as in conf/gan.properties. */
    public static GanConfig tinyConfig() {
        return GanConfig.defaults()
                .with("g.layers", "16,32,784")
                .with("d.layers", "784,32,1")
                .with("d.dropout", "0.25")
                .with("train.batch", "32")
                .with("info.codes", "0");
    }
}
