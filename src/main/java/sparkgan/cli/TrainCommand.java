package sparkgan.cli;

import sparkgan.run.TrainingRun;
import sparkgan.run.RunRequest;
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
import sparkgan.config.GanConfig;
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
 * {@code train}: its arguments, parsed into a {@link RunRequest} for a {@link TrainingRun}, which
 * checks everything before it touches the output directory, trains on Spark and writes the effective
 * config, metrics.csv, sample grids, checkpoints, the final model, plots and report.html.
 * {@code --resume} continues a run from its newest valid checkpoint (or from iteration 0 when it was
 * killed before its first), on the same data unless told otherwise; Ctrl-C (SIGINT) or SIGTERM stops
 * after the current iteration with a checkpoint. A lock in the run directory keeps a second trainer out.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a GAN on Spark.")
public final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--conf", description = "A properties file overriding conf/gan.properties.")
    Path conf;

    @Option(names = "--preset", description = "A preset from conf/presets (e.g. mlp).")
    String preset;

    @Option(names = "--set", description = "key=value overriding the configuration (repeatable).")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--data", description = "A directory with the MNIST file names (gzipped or not) or one IDX images file, "
            + "or what --format reads; any Hadoop URI.")
    String data;

    @Option(names = "--format", description = "How --data is read (data.format): idx, parquet, image (a folder of PNG/JPEG), "
            + "libsvm, csv, or auto (by the path's ending; the default).")
    String format;

    @Option(names = "--features-col", description = "With a Spark data source: the images' column (data.featuresCol).")
    String featuresCol;

    @Option(names = "--label-col", description = "With a Spark data source: the class labels' column for a conditional GAN (data.labelCol); "
            + "with --labels, the CSV's column of classes.")
    String labelCol;

    @Option(names = "--labels", description = "With --format image and cgan.classes > 0: a CSV with a header line naming each image file "
            + "(column data.labelsFileCol, default file) and its class (--label-col) (data.labels).")
    String labels;

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
        if (resume != null) {
            if (out != null || conf != null || preset != null || !assignments.isEmpty() || batch != null || seed != null || partitions != null
                    || format != null || featuresCol != null || labelCol != null || labels != null) {
                throw new BadInputException("--resume continues a run with its own configuration; only --steps, --data and --master may be given");
            }
            Map<String, String> overrides = new LinkedHashMap<>();
            if (steps != null) {
                overrides.put("train.steps", Integer.toString(steps));
            }
            if (data != null) {
                overrides.put("data.uri", data);
            }
            return new TrainingRun(new RunRequest(null, resume, true, overrides, engineName, master, allowDataChange), this::warn).execute();
        }
        if (allowDataChange) {
            throw new BadInputException("--allow-data-change: only with --resume");
        }
        String outDir = out != null ? out
                : Path.of("runs", "train-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                        .toAbsolutePath().toString();
        return new TrainingRun(new RunRequest(buildConfig(), outDir, false, Map.of(), engineName, master, false), this::warn).execute();
    }

    private void warn(String line) {
        java.io.PrintWriter err = commandSpec.commandLine().getErr();
        err.println(line);
        err.flush();
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
        if (format != null) {
            c = c.with("data.format", format);
        }
        if (featuresCol != null) {
            c = c.with("data.featuresCol", featuresCol);
        }
        if (labels != null) {
            c = c.with("data.labels", labels);
        }
        if (labelCol != null) {
            c = c.with("data.labelCol", labelCol);
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
