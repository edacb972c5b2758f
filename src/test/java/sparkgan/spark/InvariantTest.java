package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkgan.cli.InspectCommand;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.math.Blas;
import sparkgan.testing.RealMnist;
import sparkgan.testing.TestData;
import sparkgan.train.GanTrainer;
import sparkgan.train.LocalEngine;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingState;

/**
 * The numbers do not move: 40 iterations of each preset (4 partitions, seed 11; recorded on local[2],
 * run in-process, which gives the same bits) end with
 * the G and D recorded in src/test/resources/sparkgan/invariant.properties, so that a change of the
 * code's structure that changes a bit is caught. Float sums depend on the BLAS and its kernels, so
 * the values are recorded per environment: BLAS implementation, CPU model, the kernels' fingerprint
 * and data (the real MNIST or the embedded sample). In an environment without a record the test is
 * skipped, visibly, and writes the values to record to target/invariant-unrecorded.properties.
 */
@RealMnist
class InvariantTest {
    private static final int STEPS = 40;

    static String environment() throws IOException {
        // The model name, and the vector extensions by which OpenBLAS picks its kernels (a virtual
        // machine's model name may not tell them apart).
        String cpu = "unknown-cpu";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            java.util.List<String> lines = Files.readAllLines(info);
            cpu = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            cpu += flags.contains(" avx512f") ? "+avx512f" : flags.contains(" avx2") ? "+avx2" : "";
        }
        return (Blas.implementation() + "|" + cpu + "|" + kernels() + "|" + (TestData.hasRealMnist() ? "mnist" : "sample"))
                .replaceAll("[^A-Za-z0-9|@.()+-]", "_");
    }

    /**
     * Which kernels the BLAS runs, read from its results: the first hex digits of one product's bits.
     * The CPU's name does not tell: on one virtual machine OpenBLAS may take the CPU for a Prescott
     * (SSE3) or, with OPENBLAS_CORETYPE set, run its AVX-512 kernels, and the two round differently.
     * The product is large enough (256 x 128 x 512) for OpenBLAS's blocked kernels rather than its
     * small-matrix path.
     */
    static String kernels() {
        int m = 256, n = 128, k = 512;
        java.util.Random random = new java.util.Random(11);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        float[] c = new float[m * n];
        Blas.gemm(false, false, m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
        return "sgemm@" + InspectCommand.sha256(c).substring(0, 8);
    }

    private static Map<String, String> run(String preset) {
        GanConfig config = GanConfig.defaults().withPreset(preset).with("train.seed", "11").with("train.partitions", "4");
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        MnistData data = TestData.mnistOrEmbedded(0);
        // In-process: the same bits as local[2] (DeterminismTest), without 2,000 Spark jobs' overhead.
        try (LocalEngine engine = LocalEngine.load(spec, data, 4, 2)) {
            new GanTrainer(spec, settings, engine).run(state, STEPS, null);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("G", InspectCommand.sha256(state.generator().values()));
        out.put("D", InspectCommand.sha256(state.discriminator().values()));
        return out;
    }

    @ParameterizedTest(name = "preset {0}")
    @ValueSource(strings = {"mlp", "seed", "cgan"})
    void fortyIterationsEndWithTheRecordedWeights(String preset) throws IOException {
        Properties recorded = new Properties();
        try (var in = InvariantTest.class.getResourceAsStream("/sparkgan/invariant.properties")) {
            recorded.load(in);
        }
        String env = environment();
        Map<String, String> now = run(preset);
        String key = env + "|" + preset;
        System.out.println("InvariantTest " + key + ".G = " + now.get("G"));
        System.out.println("InvariantTest " + key + ".D = " + now.get("D"));
        if (!recorded.containsKey(key + ".G")) {
            Path file = unrecorded(key, now);
            // Nothing is pinned here: a skip, not a pass. DeterminismTest checks that runs repeat.
            assumeTrue(false, "no record for " + key + ": its values are in " + file
                    + " (add them to src/test/resources/sparkgan/invariant.properties to pin them)");
        }
        assertEquals(recorded.getProperty(key + ".G"), now.get("G"), "G of " + preset + " moved (" + env + ")");
        assertEquals(recorded.getProperty(key + ".D"), now.get("D"), "D of " + preset + " moved (" + env + ")");
    }

    /** Appends the values of an environment without a record to target/invariant-unrecorded.properties. */
    private static synchronized Path unrecorded(String key, Map<String, String> now) throws IOException {
        Path file = Path.of(System.getProperty("project.basedir", "."), "target", "invariant-unrecorded.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + ".G = " + now.get("G") + "\n" + key + ".D = " + now.get("D") + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return file;
    }
}
