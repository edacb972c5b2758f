package sparkgan.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.data.DataLocator;
import sparkgan.data.MnistData;
import sparkgan.gan.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.math.Blas;
import sparkgan.report.MetricsCsv;
import sparkgan.report.SampleImages;
import sparkgan.spark.SparkContexts;
import sparkgan.spark.SparkEngine;
import sparkgan.train.GanTrainer;
import sparkgan.train.GradientEngine;
import sparkgan.train.IterationMetrics;
import sparkgan.train.LocalEngine;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingState;

/**
 * {@code train}: validates everything it was given before it touches the output directory, then
 * trains on Spark and writes the effective config, metrics.csv, sample grids and the final model.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a GAN on Spark.")
public final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    public static final String MODEL_FILE = "model.sgan";
    public static final String CONFIG_FILE = "config.properties";
    public static final String METRICS_FILE = "metrics.csv";

    @Option(names = "--conf", description = "A properties file overriding conf/gan.properties.")
    Path conf;

    @Option(names = "--preset", description = "A preset from conf/presets (e.g. mlp).")
    String preset;

    @Option(names = "--set", description = "key=value overriding the configuration (repeatable).")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--data", description = "A directory with the MNIST file names (gzipped or not) or one IDX images file; any Hadoop URI.")
    String data;

    @Option(names = "--out", description = "Output directory, any Hadoop URI (default runs/train-<time>).")
    String out;

    @Option(names = "--steps", description = "Alternating iterations (train.steps).")
    Integer steps;

    @Option(names = "--batch", description = "Global minibatch per step (train.batch).")
    Integer batch;

    @Option(names = "--partitions", description = "Number of data partitions (train.partitions).")
    Integer partitions;

    @Option(names = "--seed", description = "Seed of every random stream (train.seed).")
    Long seed;

    @Option(names = "--master", description = "Spark master for runs outside spark-submit (default local[*]).")
    String master;

    @Option(names = "--engine", defaultValue = "spark",
            description = "spark (default), or local: the same computation in-process without Spark, for comparison.")
    String engineName;

    @Override
    public Integer call() {
        // 1. Everything the user gave is checked before anything is written.
        GanConfig config = buildConfig();
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        if (!engineName.equals("spark") && !engineName.equals("local")) {
            throw new BadInputException("--engine " + engineName + ": expected spark or local");
        }
        String outDir = out != null ? out
                : Path.of("runs", "train-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                        .toAbsolutePath().toString();
        if (HadoopFiles.isNonEmptyDirectory(outDir)) {
            throw new BadInputException("--out " + outDir + ": already exists and is not empty; choose a new directory");
        }
        MnistData mnist = DataLocator.locate(data, settings.mirrors(), settings.dataLimit(), System.out::println);
        if (mnist.pixels() != spec.imagePixels()) {
            throw new BadInputException(String.format("%s: images are %dx%d = %d pixels but g.layers ends with %d; expected equal",
                    mnist.description(), mnist.height(), mnist.width(), mnist.pixels(), spec.imagePixels()));
        }

        // 2. The engine: Spark, or the in-process reference.
        JavaSparkContext sc = null;
        GradientEngine engine;
        int numPartitions;
        if (engineName.equals("spark")) {
            sc = SparkContexts.create("spark-gan train", master);
            numPartitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
            SparkEngine se = SparkEngine.load(sc, spec, mnist, numPartitions, settings.depthFor(numPartitions));
            se.setTotalSteps(settings.steps());
            engine = se;
        } else {
            numPartitions = settings.partitions() > 0 ? settings.partitions() : Runtime.getRuntime().availableProcessors();
            engine = LocalEngine.load(spec, mnist, numPartitions, Math.min(numPartitions, Runtime.getRuntime().availableProcessors()));
        }
        try {
            GanTrainer trainer = new GanTrainer(spec, settings, engine);
            System.out.printf(Locale.ROOT, "training on %s (%d images), %s, BLAS %s%n  G %s (%d parameters)%n  D %s (%d parameters)%n",
                    mnist.description(), mnist.count(), engine.describe(), Blas.implementation(),
                    spec.generator(), spec.generator().paramCount(), spec.discriminator(), spec.discriminator().paramCount());
            // 3. Outputs.
            HadoopFiles.mkdirs(outDir);
            HadoopFiles.writeAtomically(HadoopFiles.child(outDir, CONFIG_FILE),
                    config.toPropertiesText().getBytes(StandardCharsets.UTF_8));
            MetricsCsv metrics = new MetricsCsv(HadoopFiles.child(outDir, METRICS_FILE));
            String samplesDir = HadoopFiles.child(outDir, "samples");
            trainer.run(state, settings.steps(), (m, s) -> {
                metrics.add(m);
                boolean last = m.step() == settings.steps();
                if (m.step() % settings.logEvery() == 0 || last) {
                    metrics.flush();
                    System.out.println(progressLine(m, settings.steps()));
                }
                if (settings.sampleEvery() > 0 && m.step() % settings.sampleEvery() == 0 && !last) {
                    writeSamples(spec, s, settings, HadoopFiles.child(samplesDir, String.format("step-%07d.png", m.step())));
                }
            });
            metrics.flush();
            String finalPng = HadoopFiles.child(samplesDir, "final.png");
            writeSamples(spec, state, settings, finalPng);
            LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
            tensors.put("G", state.generator().values());
            tensors.put("D", state.discriminator().values());
            new ModelFile("model", state.iteration(), config.asMap(), tensors).write(HadoopFiles.child(outDir, MODEL_FILE));
            System.out.println("model:   " + HadoopFiles.child(outDir, MODEL_FILE));
            System.out.println("samples: " + finalPng);
            return 0;
        } finally {
            engine.close();
            if (sc != null) {
                sc.stop();
            }
        }
    }

    GanConfig buildConfig() {
        GanConfig c = GanConfig.defaults();
        if (preset != null) {
            c = c.withPreset(preset);
        }
        if (conf != null) {
            c = c.withFile(conf);
        }
        c = c.withAssignments(assignments);
        if (steps != null) {
            c = c.with("train.steps", Integer.toString(steps));
        }
        if (batch != null) {
            c = c.with("train.batch", Integer.toString(batch));
        }
        if (partitions != null) {
            c = c.with("train.partitions", Integer.toString(partitions));
        }
        if (seed != null) {
            c = c.with("train.seed", Long.toString(seed));
        }
        return c;
    }

    private static void writeSamples(GanSpec spec, TrainingState state, TrainSettings settings, String uri) {
        int n = settings.sampleCount();
        // A fixed noise batch (seed of the run), so frames are comparable over time.
        float[] images = Sampler.sample(spec, state.generator().values(), n, settings.seed());
        int side = (int) Math.round(Math.sqrt(spec.imagePixels()));
        SampleImages.write(uri, images, n, side, spec.imagePixels() / side);
    }

    static String progressLine(IterationMetrics m, long total) {
        double perStep = m.elapsedSeconds() / m.step();
        long eta = Math.round(perStep * (total - m.step()));
        return String.format(Locale.ROOT,
                "step %d/%d  d_loss %.4f  g_loss %.4f  D(x) %.3f  D(G(z)) %.3f  D acc %.2f  %.0f ms/step  ETA %dm%02ds",
                m.step(), total, m.dLoss(), m.gLoss(), m.dReal(), m.dFake(), m.dAccuracy(), 1000 * perStep, eta / 60, eta % 60);
    }
}
