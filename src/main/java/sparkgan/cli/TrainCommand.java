package sparkgan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.data.DataIdentity;
import sparkgan.data.DataLocator;
import sparkgan.data.MnistData;
import sparkgan.gan.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.io.Checkpoints;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.io.RunLock;
import sparkgan.math.Blas;
import sparkgan.eval.QualityProbe;
import sparkgan.report.EvaluationCsv;
import sparkgan.report.MetricsCsv;
import sparkgan.spark.SparkContexts;
import sparkgan.spark.SparkEngine;
import sparkgan.train.GanTrainer;
import sparkgan.train.GradientEngine;
import sparkgan.train.IterationMetrics;
import sparkgan.train.LocalEngine;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingDivergedException;
import sparkgan.train.TrainingState;

/**
 * {@code train}: validates everything it was given before it touches the output directory, then
 * trains on Spark and writes the effective config, metrics.csv, sample grids, checkpoints, the final
 * model, plots and report.html. {@code --resume} continues a run from its newest valid checkpoint (or
 * from iteration 0 when it was killed before its first), on the same data unless told otherwise;
 * Ctrl-C (SIGINT) or SIGTERM stops after the current iteration with a checkpoint. A lock in the run
 * directory keeps a second trainer out.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a GAN on Spark.")
public final class TrainCommand implements Callable<Integer> {
    public static final String MODEL_FILE = "model.sgan";
    public static final String CONFIG_FILE = "config.properties";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String EVAL_FILE = "eval.csv";
    /** Exit code of a run stopped by a signal (after its checkpoint). */
    public static final int EXIT_INTERRUPTED = 130;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

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

    @Option(names = "--resume", description = "Continue the run in this output directory from its newest valid checkpoint (up to --steps).")
    String resume;

    @Option(names = "--steps", description = "Alternating iterations (train.steps); with --resume, the new total.")
    Integer steps;

    @Option(names = "--batch", description = "Global minibatch per step (train.batch).")
    Integer batch;

    @Option(names = "--partitions", description = "Number of data partitions (train.partitions).")
    Integer partitions;

    @Option(names = "--seed", description = "Seed of every random stream (train.seed).")
    Long seed;

    @Option(names = "--master", description = "Spark master for runs outside spark-submit (default local[*]).")
    String master;

    @Option(names = "--allow-data-change", description = "With --resume: continue even if --data is not the data the run was trained on (recorded in the run's lineage).")
    boolean allowDataChange;

    @Option(names = "--engine", defaultValue = "spark",
            description = "spark (default), or local: the same computation in-process without Spark, for comparison.")
    String engineName;

    @Override
    public Integer call() {
        if (!engineName.equals("spark") && !engineName.equals("local")) {
            throw new BadInputException("--engine " + engineName + ": expected spark or local");
        }
        // 1. Everything the user gave is checked before anything is written.
        ModelFile checkpoint = null;
        String outDir;
        GanConfig config;
        if (resume != null) {
            if (out != null || conf != null || preset != null || !assignments.isEmpty() || batch != null || seed != null || partitions != null) {
                throw new BadInputException("--resume continues a run with its own configuration; only --steps, --data and --master may be given");
            }
            if (!HadoopFiles.isDirectory(resume)) {
                throw new BadInputException("--resume " + resume + ": no such run directory");
            }
            outDir = resume;
            checkpoint = new Checkpoints(outDir, 1).newestValid(this::warn);
            config = checkpoint != null ? GanConfig.fromMap(checkpoint.config(), "checkpoint") : savedConfig(resume);
            if (steps != null) {
                config = config.with("train.steps", Integer.toString(steps));
            }
            if (data != null) {
                config = config.with("data.uri", data);
            }
        } else {
            if (allowDataChange) {
                throw new BadInputException("--allow-data-change: only with --resume");
            }
            config = buildConfig();
            outDir = out != null ? out
                    : Path.of("runs", "train-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                            .toAbsolutePath().toString();
            if (HadoopFiles.isNonEmptyDirectory(outDir)) {
                throw new BadInputException("--out " + outDir + ": already exists and is not empty; choose a new directory (or --resume it)");
            }
        }
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        PeriodicEvaluation.Setup evalSetup = PeriodicEvaluation.Setup.from(config, settings);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        if (checkpoint != null) {
            if (checkpoint.iteration() >= settings.steps()) {
                throw new BadInputException("--steps " + settings.steps() + ": the run is already at iteration " + checkpoint.iteration());
            }
            Checkpoints.restore(checkpoint, state);
            state.restoreIteration(checkpoint.iteration());
        }
        MnistData mnist = DataLocator.locate(settings.dataUri(), settings.mirrors(), settings.dataLimit(), System.out::println);
        if (spec.conditional() && !mnist.hasLabels()) {
            throw new BadInputException(mnist.description() + ": a conditional GAN (cgan.classes = " + spec.classes()
                    + ") needs a labels file (train-labels-idx1-ubyte) beside the images");
        }
        if (mnist.pixels() != spec.imagePixels()) {
            throw new BadInputException(String.format("%s: images are %dx%d = %d pixels but g.layers ends with %d; expected equal",
                    mnist.description(), mnist.height(), mnist.width(), mnist.pixels(), spec.imagePixels()));
        }
        Map<String, String> lineage = lineage(mnist, checkpoint);

        // 2. The engine: Spark, or the in-process reference.
        long wallStart = System.nanoTime();
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
        // The partition count shapes the random streams: record it so that a resume uses the same.
        config = config.with("train.partitions", Integer.toString(numPartitions));
        Map<String, String> effective = config.asMap();
        RunLock lock = null;
        try {
            GanTrainer trainer = new GanTrainer(spec, settings, engine);
            System.out.printf(Locale.ROOT, "training on %s (%d images), %s, BLAS %s%n  G %s (%d parameters)%n  D %s (%d parameters)%n",
                    mnist.description(), mnist.count(), engine.describe(), Blas.implementation(),
                    spec.generator(), spec.generator().paramCount(), spec.discriminator() + (spec.projection() ? " + projection" : ""), spec.discriminatorParams());
            if (checkpoint != null) {
                System.out.println("resuming from iteration " + checkpoint.iteration() + " up to " + settings.steps());
            }
            MnistReference reference = null;
            if (evalSetup != null) {
                JavaSparkContext evalSc = sc;
                JavaSparkContext[] own = {null};
                try {
                    reference = MnistReference.load(evalSetup.data(), evalSetup.dataOrigin(), evalSetup.classifierCache(),
                            () -> evalSc != null ? evalSc : (own[0] = SparkContexts.create("spark-gan classifier", master)), System.out::println);
                } finally {
                    if (own[0] != null) {
                        own[0].stop();
                    }
                }
            }
            // 3. Outputs: only this process writes the run directory from here on.
            HadoopFiles.mkdirs(outDir);
            lock = RunLock.acquire(outDir, this::warn);
            for (String dir : new String[] {outDir, HadoopFiles.child(outDir, Checkpoints.DIR), HadoopFiles.child(outDir, "samples"),
                                            HadoopFiles.child(outDir, "plots")}) {
                HadoopFiles.removeTemporaries(dir);
            }
            HadoopFiles.writeAtomically(HadoopFiles.child(outDir, CONFIG_FILE), config.toPropertiesText().getBytes(StandardCharsets.UTF_8));
            String metricsUri = HadoopFiles.child(outDir, METRICS_FILE);
            List<IterationMetrics> previous = checkpoint == null ? List.of() : previousRows(metricsUri, checkpoint.iteration());
            MetricsCsv metrics = new MetricsCsv(metricsUri, previous);
            PeriodicEvaluation evaluation = null;
            if (reference != null) {
                String evalUri = HadoopFiles.child(outDir, EVAL_FILE);
                List<EvaluationCsv.Row> previousEvals = List.of();
                if (checkpoint != null && HadoopFiles.exists(evalUri)) {
                    try {
                        previousEvals = EvaluationCsv.parse(new String(HadoopFiles.readAll(evalUri), StandardCharsets.UTF_8), checkpoint.iteration());
                    } catch (IOException | RuntimeException e) {
                        throw new BadInputException(evalUri + ": cannot read the run's evaluations: " + e.getMessage());
                    }
                }
                evaluation = new PeriodicEvaluation(new QualityProbe(reference.classifier(), reference.test().data(), reference.test().rows()),
                        spec, evalSetup.every(), evalSetup.samples(), settings.seed(), new EvaluationCsv(evalUri, previousEvals), System.out);
            }
            try (RunRecorder recorder = new RunRecorder(outDir, spec, settings, effective, lineage, metrics, previous, state.iteration(), evaluation)) {
                StopSignals.install(trainer::requestStop);
                double elapsedBefore = previous.isEmpty() ? 0 : previous.get(previous.size() - 1).elapsedSeconds();
                try {
                    trainer.run(state, settings.steps(), recorder, elapsedBefore);
                } catch (TrainingDivergedException e) {
                    List<Checkpoints.Entry> kept = new Checkpoints(outDir, 1).list();
                    throw e.withContext(kept.isEmpty() ? "no checkpoint was written before it"
                            : "the last good checkpoint is " + kept.get(0).uri());
                }
                Map<String, String> facts = facts(sc, engine, numPartitions, mnist, wallStart);
                if (state.iteration() < settings.steps() && !trainer.timeBudgetReached()) {
                    String ck = recorder.checkpoint(state);
                    recorder.writeReport(facts);
                    System.out.println();
                    System.out.println("stopped at iteration " + state.iteration() + "; checkpoint " + ck);
                    System.out.println("continue with: train --resume " + outDir + " --steps " + settings.steps());
                    return EXIT_INTERRUPTED;
                }
                String finalPng = recorder.finish(state, facts);
                System.out.println();
                if (trainer.timeBudgetReached()) {
                    System.out.println("time budget train.maxSeconds = " + settings.maxSeconds() + " reached at iteration " + state.iteration());
                }
                System.out.println("model:   " + HadoopFiles.child(outDir, MODEL_FILE));
                System.out.println("report:  " + HadoopFiles.child(outDir, "report.html"));
                System.out.println("samples: " + finalPng);
                return 0;
            }
        } finally {
            StopSignals.uninstall();
            if (lock != null) {
                lock.close();
            }
            engine.close();
            if (sc != null) {
                sc.stop();
            }
        }
    }

    private void warn(String line) {
        java.io.PrintWriter err = commandSpec.commandLine().getErr();
        err.println(line);
        err.flush();
    }

    /** A run directory without a checkpoint (killed early): its saved configuration, to start over from iteration 0. */
    private GanConfig savedConfig(String runDir) {
        String uri = HadoopFiles.child(runDir, CONFIG_FILE);
        if (!HadoopFiles.exists(uri)) {
            throw new BadInputException("--resume " + runDir + ": no valid checkpoint in " + HadoopFiles.child(runDir, Checkpoints.DIR)
                    + " and no " + CONFIG_FILE + ": not a run directory");
        }
        String text;
        try {
            text = new String(HadoopFiles.readAll(uri), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(uri + ": cannot read the run's configuration: " + e.getMessage());
        }
        System.out.println("no checkpoint in " + runDir + " yet: starting it over from iteration 0 with its saved configuration");
        return GanConfig.fromPropertiesText(text, uri);
    }

    /**
     * The lineage the run's checkpoints will carry: the data's identity, and every data change allowed
     * on a resume. A resume on data other than the checkpoint's is refused unless --allow-data-change.
     */
    private Map<String, String> lineage(MnistData mnist, ModelFile checkpoint) {
        DataIdentity now = DataIdentity.of(mnist);
        Map<String, String> lineage = new LinkedHashMap<>(now.toLineage());
        if (checkpoint == null) {
            return lineage;
        }
        String changes = checkpoint.lineage().getOrDefault(DataIdentity.CHANGES, "");
        DataIdentity before = DataIdentity.fromLineage(checkpoint.lineage());
        if (before == null) {
            warn("warning: the checkpoint records no data identity (an older build wrote it): cannot check that the data is the same");
        } else if (!before.sameContent(now)) {
            String difference = before.firstDifference(now);
            if (!allowDataChange) {
                throw new BadInputException("--data " + now.location() + ": not the data this run was trained on ("
                        + before.location() + "): " + difference + "; add --allow-data-change to continue on it (recorded in the run)");
            }
            changes += (changes.isEmpty() ? "" : "\n") + "iteration " + checkpoint.iteration() + ": " + before.location()
                    + " -> " + now.location() + ": " + difference;
            warn("warning: continuing on other data than the run was trained on (--allow-data-change): " + difference);
        }
        if (!changes.isEmpty()) {
            lineage.put(DataIdentity.CHANGES, changes);
        }
        return lineage;
    }

    private static List<IterationMetrics> previousRows(String metricsUri, long upTo) {
        if (!HadoopFiles.exists(metricsUri)) {
            return List.of();
        }
        try {
            return MetricsCsv.parse(new String(HadoopFiles.readAll(metricsUri), StandardCharsets.UTF_8), upTo);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(metricsUri + ": cannot read the run's metrics: " + e.getMessage());
        }
    }

    private static Map<String, String> facts(JavaSparkContext sc, GradientEngine engine, int partitions, MnistData mnist, long wallStart) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("engine", engine.describe());
        if (sc != null) {
            f.put("Spark master", sc.master());
            f.put("Spark version", sc.version());
            f.put("executors", Integer.toString(Math.max(1, sc.sc().getExecutorMemoryStatus().size() - (sc.isLocal() ? 0 : 1))));
            f.put("application id", sc.sc().applicationId());
        }
        f.put("partitions", Integer.toString(partitions));
        f.put("data", mnist.description() + " (" + mnist.count() + " images)");
        f.put("BLAS", Blas.implementation());
        f.put("Java", System.getProperty("java.version"));
        f.put("wall time of this session", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - wallStart) / 1e9));
        f.put("written", LocalDateTime.now().toString());
        return f;
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
        if (data != null) {
            c = c.with("data.uri", data);
        }
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
}
