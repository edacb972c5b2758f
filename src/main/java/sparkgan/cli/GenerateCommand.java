package sparkgan.cli;

import sparkgan.run.RunDirectory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.ml.SampleTable;
import sparkgan.report.SampleImages;

/** Samples a trained generator into an IDX file, a PNG grid or (through a local Spark session) a Parquet table. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write samples of a trained generator (IDX for .idx/-idx3-ubyte, PNG grid for .png, a table for .parquet).")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true,
            description = "A training run's output directory (its final model) or a model/checkpoint file (.sgan).")
    String model;

    @Option(names = "--count", defaultValue = "64", description = "How many samples (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", required = true, description = "Output file: *.png, *.idx, *-idx3-ubyte or *.parquet.")
    String out;

    @Option(names = "--seed", defaultValue = "1", description = "Noise seed (default ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin
    OverwriteOption overwrite;

    @Option(names = "--master", description = "With a .parquet --out: the Spark master outside spark-submit (default local[*]).")
    String master;

    @Option(names = "--digit", description = "For a conditional (cgan) model: the class to generate. Without it, a PNG grid has one row per class.")
    Integer digit;

    @Override
    public Integer call() {
        if (count < 1 || count > 1_000_000) {
            throw new BadInputException("--count " + count + ": expected 1 to 1000000");
        }
        String lower = out.toLowerCase(java.util.Locale.ROOT);
        boolean parquet = lower.endsWith(".parquet");
        if (!lower.endsWith(".png") && !lower.endsWith(".idx") && !lower.endsWith("-idx3-ubyte") && !parquet) {
            throw new BadInputException("--out " + out + ": expected a name ending in .png, .idx, -idx3-ubyte or .parquet");
        }
        overwrite.check("--out", out);
        ModelFile file = ModelFile.read(resolveModel(model));
        GanSpec spec = GanSpec.from(GanConfig.fromMap(file.config(), model));
        float[] g = file.samplingGenerator();
        if (g == null || g.length != spec.generator().paramCount()) {
            throw new BadInputException(model + ": generator tensor G missing or of the wrong size");
        }
        if (digit != null && !spec.conditional()) {
            throw new BadInputException("--digit " + digit + ": " + model + " is not a conditional model (cgan.classes = 0)");
        }
        if (digit != null && (digit < 0 || digit >= spec.classes())) {
            throw new BadInputException("--digit " + digit + ": expected 0 to " + (spec.classes() - 1));
        }
        if (parquet) {
            int[] labels = !spec.conditional() ? null : digit != null ? filled(count, digit) : Sampler.cyclingLabels(count, spec.classes());
            SampleTable.write(out, Sampler.sample(spec, g, count, seed, labels), count, spec.image(), labels, master);
        } else if (spec.generatorOneHot() > 0) {
            // A conditional model's labels or an InfoGAN model's code values: a grid gets one row per value.
            int values = spec.generatorOneHot();
            int[] labels;
            int columns = (int) Math.ceil(Math.sqrt(count));
            if (digit != null) {
                labels = filled(count, digit);
            } else if (lower.endsWith(".png")) {
                labels = Sampler.grouped(count, values);
                columns = Sampler.gridColumns(count, values);
            } else {
                labels = Sampler.cyclingLabels(count, values);
            }
            SampleImages.write(out, Sampler.sample(spec, g, count, seed, labels), count, spec.image(), columns);
        } else {
            SampleImages.write(out, Sampler.sample(spec, g, count, seed), count, spec.image());
        }
        System.out.println("wrote " + count + " samples to " + out);
        return 0;
    }

    private static int[] filled(int count, int label) {
        int[] labels = new int[count];
        java.util.Arrays.fill(labels, label);
        return labels;
    }

    /** A run directory means its final model; anything else is taken as a model file. */
    static String resolveModel(String uri) {
        if (!HadoopFiles.exists(uri)) {
            throw new BadInputException("--model " + uri + ": no such file or directory");
        }
        if (HadoopFiles.isDirectory(uri)) {
            String m = HadoopFiles.child(uri, RunDirectory.MODEL_FILE);
            if (!HadoopFiles.exists(m)) {
                throw new BadInputException("--model " + uri + ": directory holds no " + RunDirectory.MODEL_FILE
                        + " (a run that has not finished?)");
            }
            return m;
        }
        return uri;
    }
}
