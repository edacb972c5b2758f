package sparkgan.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.BadInputException;
import sparkgan.data.DataIdentity;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageSource;
import sparkgan.eval.QualityProbe;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.gan.GanSpec;
import sparkgan.gan.NetworkFamily;
import sparkgan.io.Checkpoints;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.io.RunLock;
import sparkgan.ml.DataFrameSource;
import sparkgan.math.Blas;
import sparkgan.report.EvaluationCsv;
import sparkgan.report.MetricsCsv;
import sparkgan.report.ProgressReporter;
import sparkgan.spark.ClassifierCache;
import sparkgan.spark.Engines;
import sparkgan.spark.SparkContexts;
import sparkgan.train.GradientEngine;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainSettings;
import sparkgan.train.Training;
import sparkgan.train.TrainingDivergedException;
import sparkgan.train.TrainingState;

/**
 * One {@code train} run with its directory: checks everything it was given before it writes
 * anything, opens the engine, takes the directory's lock, plugs the run's outputs into
 * {@link Training} as listeners (metrics, progress, samples, evaluation, checkpoints), trains, and says
 * how it ended. A resume continues from the newest valid checkpoint, or from iteration 0 with the
 * run's saved configuration when it was killed before its first.
 */
public final class TrainingRun {
    private final RunRequest request;
    private final Consumer<String> warn;
    private ModelFile checkpoint;
    private GanConfig config;
    private JavaSparkContext sc;

    public TrainingRun(RunRequest request, Consumer<String> warn) {
        this.request = request;
        this.warn = warn;
    }

    /** Trains and returns the exit code: 0, or {@link RunDirectory#EXIT_INTERRUPTED} after a stop. */
    public int execute() {
        config = request.resume() ? resumedConfig() : newRunConfig();
        GanSpec.from(config); // every configuration error before the data is looked for (or downloaded)
        TrainSettings settings = TrainSettings.from(config);
        PeriodicEvaluation.Setup evalSetup = PeriodicEvaluation.Setup.from(config, settings);
        try {
            return prepareAndTrain(settings, evalSetup);
        } finally {
            // A Spark data source starts the context before the checks that may still refuse the run.
            if (sc != null) {
                sc.stop();
            }
        }
    }

    private int prepareAndTrain(TrainSettings settings, PeriodicEvaluation.Setup evalSetup) {
        ImageSource data = locateData(settings);
        config = withImageShape(config, data);
        GanSpec spec = GanSpec.from(config);
        requireFits(spec, data);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        if (checkpoint != null) {
            if (checkpoint.iteration() >= settings.steps()) {
                throw new BadInputException("--steps " + settings.steps() + ": the run is already at iteration " + checkpoint.iteration());
            }
            Checkpoints.restore(checkpoint, state);
            state.restoreIteration(checkpoint.iteration());
        }
        Map<String, String> lineage = lineage(data);
        long wallStart = System.nanoTime();
        GradientEngine engine = openEngine(spec, data, settings);
        try {
            return train(spec, settings, state, engine, new RunFacts(data, lineage, evalSetup, wallStart));
        } finally {
            engine.close();
        }
    }

    /** What a run knows besides its configuration: the data, its lineage, evaluation, when it started. */
    private record RunFacts(ImageSource data, Map<String, String> lineage, PeriodicEvaluation.Setup evalSetup, long wallStart) {
    }

    private GanConfig newRunConfig() {
        if (HadoopFiles.isNonEmptyDirectory(request.runDir())) {
            throw new BadInputException("--out " + request.runDir() + ": already exists and is not empty; choose a new directory (or --resume it)");
        }
        return request.config();
    }

    private GanConfig resumedConfig() {
        String runDir = request.runDir();
        if (!HadoopFiles.isDirectory(runDir)) {
            throw new BadInputException("--resume " + runDir + ": no such run directory");
        }
        checkpoint = new Checkpoints(runDir, 1).newestValid(warn::accept);
        GanConfig c = checkpoint != null ? GanConfig.fromMap(checkpoint.config(), "checkpoint") : savedConfig(runDir);
        for (Map.Entry<String, String> e : request.resumeOverrides().entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        return c;
    }

    /** A run directory without a checkpoint (killed early): its saved configuration, to start over from iteration 0. */
    private static GanConfig savedConfig(String runDir) {
        String uri = HadoopFiles.child(runDir, RunDirectory.CONFIG_FILE);
        if (!HadoopFiles.exists(uri)) {
            throw new BadInputException("--resume " + runDir + ": no valid checkpoint in " + HadoopFiles.child(runDir, Checkpoints.DIR)
                    + " and no " + RunDirectory.CONFIG_FILE + ": not a run directory");
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
     * MNIST's IDX files (read later by each executor), or a Spark data source read now into cached
     * blocks, for which the Spark context starts here.
     */
    private ImageSource locateData(TrainSettings settings) {
        String format = DataFrameSource.format(settings.dataUri(), config.get(GanParams.DATA_FORMAT));
        if (format.equals("idx")) {
            return DataLocator.locate(settings.dataUri(), settings.mirrors(), settings.dataLimit(), System.out::println);
        }
        if (!request.engine().equals("spark")) {
            throw new BadInputException("--engine " + request.engine() + ": reads IDX files only; --format " + format
                    + " is read by Spark (--engine spark)");
        }
        sc = SparkContexts.create("spark-gan train", request.master());
        return DataFrameSource.read(sc, config, Engines.sparkPartitions(sc, settings), warn);
    }

    /** The configuration with the data's image shape recorded; a shape configured otherwise is refused. */
    private static GanConfig withImageShape(GanConfig config, ImageSource data) {
        String configured = config.get(GanParams.IMAGE_SHAPE);
        if (!configured.isBlank() && !configured.replace(" ", "").equals(data.shape().toString())) {
            throw new BadInputException(data.description() + ": images are " + data.shape().describe()
                    + " but config key 'image.shape' = '" + configured + "'; expected the same shape");
        }
        NetworkFamily.of(config).requireImages(config, data.shape(), data.description());
        return config.with(GanParams.IMAGE_SHAPE.name(), data.shape().toString());
    }

    private static void requireFits(GanSpec spec, ImageSource data) {
        if (spec.conditional() && !data.hasLabels()) {
            throw new BadInputException(data.description() + ": a conditional GAN (cgan.classes = " + spec.classes()
                    + ") needs a labels file (train-labels-idx1-ubyte) beside the images");
        }
    }

    /** The engine the request names; the partition count it chose is recorded, as it shapes the random streams. */
    private GradientEngine openEngine(GanSpec spec, ImageSource data, TrainSettings settings) {
        GradientEngine engine;
        int partitions;
        if (request.engine().equals("spark")) {
            if (sc == null) {
                sc = SparkContexts.create("spark-gan train", request.master());
            }
            partitions = Engines.sparkPartitions(sc, settings);
            engine = Engines.spark(sc, spec, data, settings);
        } else {
            partitions = Engines.localPartitions(settings);
            engine = Engines.local(spec, data, settings);
        }
        config = config.with("train.partitions", Integer.toString(partitions));
        return engine;
    }

    private int train(GanSpec spec, TrainSettings settings, TrainingState state, GradientEngine engine, RunFacts facts) {
        Training training = Training.of(config, engine);
        System.out.printf(Locale.ROOT, "training on %s (%d images), %s, BLAS %s%n  G %s (%d parameters)%n  D %s (%d parameters)%n",
                facts.data().description(), facts.data().count(), engine.describe(), Blas.describe(),
                spec.generator(), spec.generator().paramCount(),
                spec.discriminator() + (spec.heads().isEmpty() ? "" : " + heads " + spec.heads()), spec.discriminatorParams());
        if (checkpoint != null) {
            System.out.println("resuming from iteration " + checkpoint.iteration() + " up to " + settings.steps());
        }
        EvaluationReference reference = facts.evalSetup() == null ? null : loadReference(facts.evalSetup(), spec);
        String outDir = request.runDir();
        // Only this process writes the run directory from here on.
        HadoopFiles.mkdirs(outDir);
        try (RunLock lock = RunLock.acquire(outDir, warn::accept);
             ProgressReporter progress = new ProgressReporter(state.iteration(), settings.steps(), settings.batch(), settings.logEvery(),
                     System.out, ProgressReporter.stdoutIsTerminal()).withTimeBudget(settings.maxSeconds())) {
            List<IterationMetrics> previous = prepareDirectory(outDir);
            PeriodicEvaluation evaluation = reference == null ? null : evaluation(spec, settings, reference, facts.evalSetup());
            MetricsLog metrics = new MetricsLog(new MetricsCsv(HadoopFiles.child(outDir, RunDirectory.METRICS_FILE), previous), previous, settings);
            SampleGrids samples = new SampleGrids(outDir, spec, settings);
            CheckpointSchedule checkpoints = new CheckpointSchedule(outDir, settings, config.asMap(), facts.lineage(), metrics);
            training.listen(metrics).listen((m, s) -> progress.update(m)).listen(samples);
            if (evaluation != null) {
                training.listen(evaluation);
            }
            training.listen(checkpoints);
            StopSignals.install(training::requestStop);
            try {
                double elapsedBefore = previous.isEmpty() ? 0 : previous.get(previous.size() - 1).elapsedSeconds();
                Training.Outcome outcome = fit(training, state, settings, elapsedBefore);
                return finish(outcome, new RunReport(outDir, metrics, samples, checkpoints, evaluation), state, settings, facts(engine, facts));
            } finally {
                StopSignals.uninstall();
            }
        }
    }

    private Training.Outcome fit(Training training, TrainingState state, TrainSettings settings, double elapsedBefore) {
        try {
            return training.fit(state, settings.steps(), elapsedBefore);
        } catch (TrainingDivergedException e) {
            List<Checkpoints.Entry> kept = new Checkpoints(request.runDir(), 1).list();
            throw e.withContext(kept.isEmpty() ? "no checkpoint was written before it" : "the last good checkpoint is " + kept.get(0).uri());
        }
    }

    private int finish(Training.Outcome outcome, RunReport report, TrainingState state, TrainSettings settings,
                       Map<String, String> facts) {
        String outDir = request.runDir();
        if (outcome == Training.Outcome.STOPPED) {
            String ck = report.stop(state, facts);
            System.out.println();
            System.out.println("stopped at iteration " + state.iteration() + "; checkpoint " + ck);
            System.out.println("continue with: train --resume " + outDir + " --steps " + settings.steps());
            return RunDirectory.EXIT_INTERRUPTED;
        }
        String finalPng = report.finish(state, facts);
        System.out.println();
        if (outcome == Training.Outcome.TIME_BUDGET) {
            System.out.println("time budget train.maxSeconds = " + settings.maxSeconds() + " reached at iteration " + state.iteration());
        }
        System.out.println("model:   " + HadoopFiles.child(outDir, RunDirectory.MODEL_FILE));
        System.out.println("report:  " + HadoopFiles.child(outDir, "report.html"));
        System.out.println("samples: " + (finalPng != null ? finalPng : "no grid for flat vectors (generate --out FILE.parquet writes samples)"));
        return 0;
    }

    /**
     * The classifier and test images evaluation scores against (trained on Spark once, then cached):
     * labelled images of the generator's shape.
     */
    private EvaluationReference loadReference(PeriodicEvaluation.Setup setup, GanSpec spec) {
        JavaSparkContext[] own = {null};
        try {
            EvaluationReference reference = EvaluationReference.load(setup.data(), setup.dataOrigin(), spec.image(),
                    "config key 'eval.every' = " + setup.every() + ": the generator's samples", ClassifierCache.Place.of(setup.classifierCache()),
                    () -> sc != null ? sc : (own[0] = SparkContexts.create("spark-gan classifier", request.master())), System.out::println);
            if (!reference.labelled()) {
                throw new BadInputException("config key 'eval.every' = " + setup.every() + ": evaluation judges samples with a classifier of "
                        + setup.dataOrigin().replace(" =", "") + " " + setup.data() + ", which has no labels files");
            }
            return reference;
        } finally {
            if (own[0] != null) {
                own[0].stop();
            }
        }
    }

    /** Clears what a killed writer left, writes the effective configuration, returns the metrics rows kept from before. */
    private List<IterationMetrics> prepareDirectory(String outDir) {
        for (String dir : new String[] {outDir, HadoopFiles.child(outDir, Checkpoints.DIR), HadoopFiles.child(outDir, "samples"),
                                        HadoopFiles.child(outDir, "plots")}) {
            HadoopFiles.removeTemporaries(dir);
        }
        HadoopFiles.writeAtomically(HadoopFiles.child(outDir, RunDirectory.CONFIG_FILE), config.toPropertiesText().getBytes(StandardCharsets.UTF_8));
        String metricsUri = HadoopFiles.child(outDir, RunDirectory.METRICS_FILE);
        return checkpoint == null ? List.of() : readPrevious(metricsUri, "metrics", text -> MetricsCsv.parse(text, checkpoint.iteration()));
    }

    private PeriodicEvaluation evaluation(GanSpec spec, TrainSettings settings, EvaluationReference reference, PeriodicEvaluation.Setup setup) {
        String evalUri = HadoopFiles.child(request.runDir(), RunDirectory.EVAL_FILE);
        List<EvaluationCsv.Row> previousEvals = checkpoint == null ? List.of()
                : readPrevious(evalUri, "evaluations", text -> EvaluationCsv.parse(text, checkpoint.iteration()));
        return new PeriodicEvaluation(new QualityProbe(reference.classifier(), reference.test().data(), reference.test().rows()),
                spec, setup.every(), setup.samples(), settings.seed(), new EvaluationCsv(evalUri, previousEvals), System.out);
    }

    private interface CsvParser<T> {
        List<T> parse(String text) throws IOException;
    }

    /** A resumed run's rows of one of its CSV files up to the checkpoint; none when the file is absent. */
    private static <T> List<T> readPrevious(String uri, String what, CsvParser<T> parser) {
        if (!HadoopFiles.exists(uri)) {
            return List.of();
        }
        try {
            return parser.parse(new String(HadoopFiles.readAll(uri), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(uri + ": cannot read the run's " + what + ": " + e.getMessage());
        }
    }

    /**
     * The lineage the run's checkpoints will carry: the data's identity, and every data change allowed
     * on a resume. A resume on data other than the checkpoint's is refused unless --allow-data-change.
     */
    private Map<String, String> lineage(ImageSource data) {
        DataIdentity now = DataIdentity.of(data);
        Map<String, String> lineage = new LinkedHashMap<>(now.toLineage());
        if (checkpoint == null) {
            return lineage;
        }
        String changes = checkpoint.lineage().getOrDefault(DataIdentity.CHANGES, "");
        DataIdentity before = DataIdentity.fromLineage(checkpoint.lineage());
        if (before == null) {
            warn.accept("warning: the checkpoint records no data identity (an older build wrote it): cannot check that the data is the same");
        } else if (!before.sameContent(now)) {
            String difference = before.firstDifference(now);
            if (!request.allowDataChange()) {
                throw new BadInputException("--data " + now.location() + ": not the data this run was trained on ("
                        + before.location() + "): " + difference + "; add --allow-data-change to continue on it (recorded in the run)");
            }
            changes += (changes.isEmpty() ? "" : "\n") + "iteration " + checkpoint.iteration() + ": " + before.location()
                    + " -> " + now.location() + ": " + difference;
            warn.accept("warning: continuing on other data than the run was trained on (--allow-data-change): " + difference);
        }
        if (!changes.isEmpty()) {
            lineage.put(DataIdentity.CHANGES, changes);
        }
        return lineage;
    }

    private Map<String, String> facts(GradientEngine engine, RunFacts run) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("engine", engine.describe());
        if (sc != null) {
            f.put("Spark master", sc.master());
            f.put("Spark version", sc.version());
            f.put("executors", Integer.toString(Math.max(1, sc.sc().getExecutorMemoryStatus().size() - (sc.isLocal() ? 0 : 1))));
            f.put("application id", sc.sc().applicationId());
        }
        f.put("partitions", Integer.toString(config.get(GanParams.TRAIN_PARTITIONS)));
        f.put("data", run.data().description() + " (" + run.data().count() + " images)");
        f.put("BLAS", Blas.describe());
        f.put("Java", System.getProperty("java.version"));
        f.put("wall time of this session", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - run.wallStart()) / 1e9));
        f.put("written", LocalDateTime.now().toString());
        return f;
    }
}
