package sparkgan.cli;

import sparkgan.run.EvaluationReference;
import sparkgan.run.RunDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.data.StreamSource;
import sparkgan.eval.FrechetDistance;
import sparkgan.eval.ParzenWindow;
import sparkgan.eval.ManifoldMetrics;
import sparkgan.eval.QualityProbe;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.Checkpoints;
import sparkgan.io.HadoopFiles;
import sparkgan.report.Charts;
import sparkgan.report.MetricsCsv;
import sparkgan.train.IterationMetrics;
import sparkgan.io.ModelFile;
import sparkgan.spark.ClassifierCache;
import sparkgan.spark.SparkContexts;

/**
 * {@code evaluate}: judges samples (an IDX file, or drawn from a model) against a data set's test
 * images. A labelled data set gets the project's classifier for it (trained and cached per data
 * set): its score (the MNIST score's formula), Fréchet distance of its features, mode coverage; every
 * data set gets precision and recall (Kynkäänniemi et al. 2019) and the Parzen-window
 * log-likelihood, and an unlabelled one says which metrics it skipped and why. Prints and writes JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score samples against a data set: with labels its classifier's score, Fréchet distance and mode coverage; "
                + "always precision and recall and the Parzen log-likelihood.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--samples", description = "An IDX images file of samples (of the data's shape).")
    String samples;

    @Option(names = "--model", description = "A run directory or .sgan file to draw samples from.")
    String model;

    @Option(names = "--count", defaultValue = "10000", description = "Samples to draw from --model (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Noise seed for --model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", defaultValue = "data/mnist",
            description = "The data set's directory: train and t10k IDX files under MNIST's names, labels optional (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--format", defaultValue = "idx",
            description = "How --data is read: idx (MNIST's train and t10k files; the default), or a Spark data source as train reads "
                    + "it (image, parquet, libsvm, csv): its images are the reference, the last 1000 (a quarter of fewer than 4000) "
                    + "the Parzen bandwidth's; no classifier.")
    String format;

    @Option(names = "--classifier-cache", defaultValue = "data/classifier", description = "Where the classifier is cached (default ${DEFAULT-VALUE}).")
    String cache;

    @Option(names = "--classifier-steps", defaultValue = "3000",
            description = "Adam steps of 256 that train the data set's classifier the first time (default ${DEFAULT-VALUE}; "
                    + "another number is cached apart). Small data sets need fewer.")
    int classifierSteps;

    @Option(names = "--parzen-samples", defaultValue = "10000", description = "Samples in the Parzen window (default ${DEFAULT-VALUE}).")
    int parzenSamples;

    @Option(names = "--out", description = "Also write the JSON here.")
    String out;

    @picocli.CommandLine.Mixin
    OverwriteOption overwrite;

    @Option(names = "--master", description = "Spark master for training the classifier (default local[*]).")
    String master;

    @Option(names = "--run", description = "A run directory: evaluate each of its checkpoints and write the time-to-quality "
            + "table (quality.csv) and plot (plots/quality-time.png) into it.")
    String run;

    @Option(names = "--beside", description = "With --run: another run directory already judged by evaluate --run (its "
            + "quality.csv); the runs' curves go on one plot, plots/quality-time-beside.png of --run (repeatable).")
    List<String> beside = new ArrayList<>();

    private final Map<String, List<Charts.QualityPoint>> besideRuns = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        if ((samples == null ? 0 : 1) + (model == null ? 0 : 1) + (run == null ? 0 : 1) != 1) {
            throw new BadInputException("evaluate: give exactly one of --samples FILE, --model URI or --run DIR");
        }
        if (count < 1 || count > 1_000_000) {
            throw new BadInputException("--count " + count + ": expected 1 to 1000000");
        }
        if (out != null) {
            overwrite.check("--out", out);
        }
        if (!beside.isEmpty() && run == null) {
            throw new BadInputException("--beside needs --run: it draws other runs' curves beside that run's");
        }
        // Read before any checkpoint is judged: a bad file is reported at once, not after minutes of work.
        for (String other : beside) {
            if (!HadoopFiles.exists(HadoopFiles.child(other, QUALITY_FILE))) {
                throw new BadInputException("--beside " + other + ": no " + QUALITY_FILE + " (judge it first with evaluate --run " + other + ")");
            }
            String name = runName(other);
            if (besideRuns.containsKey(name) || name.equals(runName(run))) {
                throw new BadInputException("--beside " + other + ": a second run named " + name + " (the plot names each run by its directory)");
            }
            besideRuns.put(name, readQuality(HadoopFiles.child(other, QUALITY_FILE)));
        }
        List<String> checkpoints = run == null ? List.of() : checkpointsOf(run);
        float[] images = null;
        int n = 0;
        sparkgan.data.ImageShape samplesShape = null;
        if (samples != null) {
            MnistData s = MnistData.open(StreamSource.hadoop(samples), null, 0, samples);
            samplesShape = s.shape();
            ImageBlock b = s.readBlock(0, 1, false);
            images = b.data();
            n = b.rows();
        }
        ModelFile modelFile = model == null ? null : ModelFile.read(GenerateCommand.resolveModel(model));
        JavaSparkContext[] sc = {null};
        EvaluationReference ref;
        try {
            sparkgan.data.ImageShape expected = expected(samplesShape, modelFile, checkpoints);
            ref = format.equals("idx") ? EvaluationReference.load(data, "--data", expected, judged(),
                    new ClassifierCache.Place(cache, classifierSteps),
                    () -> sc[0] = SparkContexts.create("spark-gan classifier", master), System.err::println)
                    : DataSourceReference.read(sc[0] = SparkContexts.create("spark-gan evaluate", master), data, format, expected,
                            modelFile != null ? modelFile : checkpoints.isEmpty() ? null : ModelFile.read(checkpoints.get(0)));
        } finally {
            if (sc[0] != null) {
                sc[0].stop();
            }
        }
        QualityProbe probe = ref.labelled() ? new QualityProbe(ref.classifier(), ref.test().data(), ref.test().rows()) : null;
        if (run != null) {
            if (probe == null) {
                throw new BadInputException("--run " + run + ": the time-to-quality curve needs the classifier's metrics; --data " + data
                        + " has no labels files");
            }
            return evaluateRun(checkpoints, ref, probe);
        }
        ObjectNode json = modelFile != null ? judgeModel(modelFile, model, ref, probe, true) : judge(images, n, null, ref, probe, true);
        if (probe != null) {
            json.put("classifier_test_accuracy", ref.classifier().accuracy(ref.test().data(), ref.test().labels(), ref.test().rows()));
        }
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        System.out.println(text);
        if (out != null) {
            HadoopFiles.writeAtomically(out, text.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    /** The shape of the images to judge: the samples file's, or the model's (a run's first checkpoint's). */
    private static sparkgan.data.ImageShape expected(sparkgan.data.ImageShape samplesShape, ModelFile modelFile, List<String> checkpoints) {
        if (samplesShape != null) {
            return samplesShape;
        }
        ModelFile f = modelFile != null ? modelFile : ModelFile.read(checkpoints.get(0));
        return GanSpec.from(GanConfig.fromMap(f.config(), "the model")).image();
    }

    private String judged() {
        return samples != null ? "--samples " + samples : model != null ? "the samples of --model " + model : "the samples of --run " + run;
    }

    /** Samples {@code count} images from the model's (averaged) generator and judges them. */
    private ObjectNode judgeModel(ModelFile f, String what, EvaluationReference ref, QualityProbe probe, boolean manifold) {
        GanSpec spec = GanSpec.from(GanConfig.fromMap(f.config(), what));
        if (!spec.image().equals(ref.shape())) {
            throw new BadInputException(what + ": the model makes " + spec.image().describe() + " images; --data " + data
                    + " holds " + ref.shape().describe() + "; expected the same shape");
        }
        int[] askedFor = spec.conditional() ? Sampler.cyclingLabels(count, spec.classes()) : null;
        return judge(Sampler.sample(spec, f.samplingGenerator(), count, seed, askedFor), count, askedFor, ref, probe, manifold);
    }

    /**
     * The metrics of {@code n} samples: with labels, the classifier's (score, Fréchet distance,
     * coverage) and precision and recall on its features; without, precision and recall on pixels (or a
     * random projection of them) and the reasons the others were skipped; Parzen always.
     */
    private ObjectNode judge(float[] images, int n, int[] askedFor, EvaluationReference ref, QualityProbe probe, boolean manifold) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("samples", n);
        if (probe != null) {
            classifierMetrics(json, probe.measure(images, n, askedFor), askedFor);
        } else {
            ObjectNode skipped = json.putObject("skipped");
            String why = "--data " + data + (format.equals("idx") ? " has no labels files" : " is read as " + format)
                    + ": no classifier to judge with";
            for (String metric : new String[] {"mnist_score", "classes_at_least_5_percent", "kl_to_uniform",
                                               "class_shares", "cgan_classified_as_asked"}) {
                skipped.put(metric, why);
            }
            if (!manifold) {
                skipped.put("frechet_distance", why);
            }
        }
        if (manifold) {
            precisionRecall(json, images, n, ref);
        }
        parzen(json, images, n, ref);
        return json;
    }

    private static void classifierMetrics(ObjectNode json, QualityProbe.Quality q, int[] askedFor) {
        json.put("mnist_score", q.mnistScore());
        json.put("frechet_distance", q.frechetDistance());
        json.put("classes_at_least_5_percent", q.classesAtLeast5Percent());
        json.put("kl_to_uniform", q.klToUniform());
        if (askedFor != null) {
            json.put("cgan_classified_as_asked", q.classifiedAsAsked());
        }
        var shares = json.putArray("class_shares");
        for (double s : q.classShares()) {
            shares.add(s);
        }
    }

    /**
     * Kynkäänniemi et al.'s precision and recall (k = 3) of up to {@value #MANIFOLD_POINTS} samples against as many
     * test images: on the classifier's features when there is one, else on pixels, projected at random
     * to {@value #PROJECTION} values when the images have more than {@value #PIXEL_SPACE}.
     */
    private static void precisionRecall(ObjectNode json, float[] images, int n, EvaluationReference ref) {
        ImageBlock test = ref.test();
        int ns = Math.min(MANIFOLD_POINTS, n);
        int nr = Math.min(MANIFOLD_POINTS, test.rows());
        int px = ref.shape().pixels();
        if (ns <= ManifoldMetrics.K || nr <= ManifoldMetrics.K) {
            ObjectNode skipped = json.has("skipped") ? (ObjectNode) json.get("skipped") : json.putObject("skipped");
            skipped.put("precision", "needs more than " + ManifoldMetrics.K + " samples and test images");
            skipped.put("recall", "needs more than " + ManifoldMetrics.K + " samples and test images");
            return;
        }
        float[] fake;
        float[] real;
        int d;
        String space;
        if (ref.labelled()) {
            fake = ref.classifier().outputs(images, ns).features();
            real = ref.classifier().outputs(test.data(), nr).features();
            d = fake.length / ns;
            space = "classifier features (" + d + ")";
        } else if (px > PIXEL_SPACE) {
            fake = ManifoldMetrics.project(images, ns, px, PROJECTION, 1);
            real = ManifoldMetrics.project(test.data(), nr, px, PROJECTION, 1);
            d = PROJECTION;
            space = "random projection of " + px + " pixels to " + PROJECTION;
        } else {
            fake = images;
            real = test.data();
            d = px;
            space = "pixels (" + px + ")";
        }
        if (!ref.labelled()) {
            // Without a classifier, Fréchet's Gaussians are fitted in the space precision and recall use.
            json.put("frechet_distance", FrechetDistance.between(real, nr, fake, ns, d));
            json.put("frechet_space", space + ", " + ns + " samples vs " + nr + " reference images");
        }
        ManifoldMetrics.PrecisionRecall pr = ManifoldMetrics.of(real, nr, fake, ns, d);
        json.put("precision", pr.precision());
        json.put("recall", pr.recall());
        json.put("precision_recall_space", space + ", k = " + ManifoldMetrics.K + ", " + ns + " samples vs " + nr + " test images");
    }

    private static final int MANIFOLD_POINTS = 5000;
    /** Images up to this many values are compared pixel by pixel; wider ones through a random projection. */
    private static final int PIXEL_SPACE = 1024;
    private static final int PROJECTION = 256;

    private void parzen(ObjectNode json, float[] images, int n, EvaluationReference ref) {
        // Parzen: the bandwidth is chosen on a validation split (the last 1,000 training images), then
        // the mean log-likelihood of the test set is reported (Goodfellow et al. 2014).
        ImageBlock test = ref.test();
        int px = ref.shape().pixels();
        int np = Math.min(parzenSamples, n);
        ImageBlock validation = ref.validation();
        int nv = Math.min(1000, validation.rows());
        double sigma = ParzenWindow.chooseSigma(images, np, validation.data(), nv, px, new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5});
        json.put("parzen_sigma", sigma);
        json.put("parzen_log_likelihood", ParzenWindow.meanLogLikelihood(images, np, test.data(), test.rows(), px, sigma));
    }

    private static List<String> checkpointsOf(String runDir) {
        String dir = HadoopFiles.child(runDir, Checkpoints.DIR);
        if (!HadoopFiles.isDirectory(dir)) {
            throw new BadInputException("--run " + runDir + ": no " + Checkpoints.DIR + " directory (not a run directory?)");
        }
        List<String> list = new ArrayList<>();
        // Checkpoints.list() is newest first; the curve wants them in order.
        for (Checkpoints.Entry e : new Checkpoints(runDir, 1).list()) {
            list.add(0, e.uri());
        }
        if (list.isEmpty()) {
            throw new BadInputException("--run " + runDir + ": no checkpoints in " + dir);
        }
        return list;
    }

    /**
     * The time-to-quality curve of a run: each checkpoint judged on {@code count} samples, against
     * the wall time of training at that iteration (from metrics.csv).
     */
    private int evaluateRun(List<String> checkpoints, EvaluationReference ref, QualityProbe probe) throws IOException {
        String metricsUri = HadoopFiles.child(run, RunDirectory.METRICS_FILE);
        Map<Long, Double> elapsed = new HashMap<>();
        if (HadoopFiles.exists(metricsUri)) {
            for (IterationMetrics m : MetricsCsv.parse(new String(HadoopFiles.readAll(metricsUri), StandardCharsets.UTF_8), Long.MAX_VALUE)) {
                elapsed.put(m.step(), m.elapsedSeconds());
            }
        }
        StringBuilder csv = new StringBuilder(QUALITY_HEADER).append('\n');
        List<Charts.QualityPoint> points = new ArrayList<>();
        for (String uri : checkpoints) {
            ModelFile f = ModelFile.read(uri);
            ObjectNode j = judgeModel(f, uri, ref, probe, false);
            double seconds = elapsed.getOrDefault(f.iteration(), Double.NaN);
            Charts.QualityPoint q = new Charts.QualityPoint(f.iteration(), seconds, j.get("mnist_score").asDouble(), j.get("frechet_distance").asDouble(),
                    j.get("classes_at_least_5_percent").asInt(), j.get("parzen_log_likelihood").asDouble(),
                    j.has("cgan_classified_as_asked") ? j.get("cgan_classified_as_asked").asDouble() : Double.NaN);
            points.add(q);
            String line = String.format(Locale.ROOT, "%d,%.1f,%.4f,%.4f,%d,%.2f,%s", q.step(), q.seconds(), q.score(), q.frechet(),
                    q.classes(), q.parzen(), Double.isNaN(q.asAsked()) ? "" : String.format(Locale.ROOT, "%.4f", q.asAsked()));
            csv.append(line).append('\n');
            System.out.println(line);
        }
        HadoopFiles.writeAtomically(HadoopFiles.child(run, QUALITY_FILE), csv.toString().getBytes(StandardCharsets.UTF_8));
        Charts.Plot plot = Charts.timeToQuality(points);
        HadoopFiles.writeAtomically(HadoopFiles.child(HadoopFiles.child(run, "plots"), plot.name() + ".png"), plot.png());
        System.out.println("wrote " + HadoopFiles.child(run, QUALITY_FILE) + " and plots/" + plot.name() + ".png");
        if (!besideRuns.isEmpty()) {
            Map<String, List<Charts.QualityPoint>> runs = new java.util.LinkedHashMap<>();
            runs.put(runName(run), points);
            runs.putAll(besideRuns);
            Charts.Plot both = Charts.timeToQualityBeside(runs);
            HadoopFiles.writeAtomically(HadoopFiles.child(HadoopFiles.child(run, "plots"), both.name() + ".png"), both.png());
            System.out.println("wrote plots/" + both.name() + ".png: " + String.join(", ", runs.keySet()));
        }
        return 0;
    }

    /** A run's name on a plot: the last part of its directory. */
    private static String runName(String dir) {
        String trimmed = dir.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The points of a quality.csv that evaluate --run wrote (its header, then one checkpoint a line). */
    static List<Charts.QualityPoint> readQuality(String uri) throws IOException {
        String[] lines = new String(HadoopFiles.readAll(uri), StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(QUALITY_HEADER)) {
            throw new BadInputException(uri + ": expected the header " + QUALITY_HEADER);
        }
        List<Charts.QualityPoint> points = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            try {
                points.add(new Charts.QualityPoint(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]),
                        f.length < 7 || f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new BadInputException(uri + " line " + (i + 1) + ": expected " + QUALITY_HEADER + ", got '" + lines[i] + "'");
            }
        }
        return points;
    }

    static final String QUALITY_FILE = "quality.csv";
    static final String QUALITY_HEADER = "step,elapsed_seconds,mnist_score,frechet_distance,classes_at_least_5_percent,parzen_log_likelihood,classified_as_asked";
}
