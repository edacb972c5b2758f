package sparkgan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.data.StreamSource;
import sparkgan.eval.FrechetDistance;
import sparkgan.eval.MnistClassifier;
import sparkgan.eval.ParzenWindow;
import sparkgan.eval.SampleMetrics;
import sparkgan.gan.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.spark.ClassifierCache;
import sparkgan.spark.SparkContexts;

/**
 * {@code evaluate}: judges samples (an IDX file, or drawn from a model) with the project's MNIST
 * classifier: MNIST score, Fréchet distance of classifier features to the test set, mode coverage,
 * and the Parzen-window log-likelihood of the test set. Prints and writes JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score samples: MNIST score, Fréchet distance, mode coverage, Parzen log-likelihood.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--samples", description = "An IDX images file of samples (28x28).")
    String samples;

    @Option(names = "--model", description = "A run directory or .sgan file to draw samples from.")
    String model;

    @Option(names = "--count", defaultValue = "10000", description = "Samples to draw from --model (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Noise seed for --model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", defaultValue = "data/mnist",
            description = "MNIST directory with the train and t10k files (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--classifier-cache", defaultValue = "data/classifier", description = "Where the classifier is cached (default ${DEFAULT-VALUE}).")
    String cache;

    @Option(names = "--parzen-samples", defaultValue = "10000", description = "Samples in the Parzen window (default ${DEFAULT-VALUE}).")
    int parzenSamples;

    @Option(names = "--out", description = "Also write the JSON here.")
    String out;

    @Option(names = "--master", description = "Spark master for training the classifier (default local[*]).")
    String master;

    @Override
    public Integer call() throws IOException {
        if ((samples == null) == (model == null)) {
            throw new BadInputException("evaluate: give exactly one of --samples FILE or --model URI");
        }
        String test = HadoopFiles.child(data, "t10k-images-idx3-ubyte.gz");
        String testLabels = HadoopFiles.child(data, "t10k-labels-idx1-ubyte.gz");
        if (!HadoopFiles.exists(test) || !HadoopFiles.exists(testLabels)) {
            throw new BadInputException("--data " + data + ": needs t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz beside the training files");
        }
        MnistData train = DataLocator.fromUri(data, 0);
        MnistData testSet = MnistData.open(StreamSource.hadoop(test), StreamSource.hadoop(testLabels), 0, "MNIST test set");
        float[] images;
        int n;
        int[] askedFor = null;
        if (samples != null) {
            MnistData s = MnistData.open(StreamSource.hadoop(samples), null, 0, samples);
            if (s.pixels() != 784) {
                throw new BadInputException(samples + ": images are " + s.height() + "x" + s.width() + ", expected 28x28");
            }
            ImageBlock b = s.readBlock(0, 1, false);
            images = b.data();
            n = b.rows();
        } else {
            ModelFile f = ModelFile.read(GenerateCommand.resolveModel(model));
            GanSpec spec = GanSpec.from(GanConfig.fromMap(f.config(), model));
            images = Sampler.sample(spec, f.tensor("G"), count, seed);
            n = count;
            if (spec.conditional()) {
                // Sampler.sample cycles through the classes: sample i asks for class i % classes.
                askedFor = new int[n];
                for (int i = 0; i < n; i++) {
                    askedFor[i] = i % spec.classes();
                }
            }
        }
        JavaSparkContext[] sc = {null};
        MnistClassifier classifier;
        try {
            classifier = ClassifierCache.getOrTrain(cache, StreamSource.hadoop(HadoopFiles.child(data, "train-images-idx3-ubyte.gz")),
                    StreamSource.hadoop(HadoopFiles.child(data, "train-labels-idx1-ubyte.gz")), train,
                    () -> sc[0] = SparkContexts.create("spark-gan classifier", master), System.err::println);
        } finally {
            if (sc[0] != null) {
                sc[0].stop();
            }
        }
        ImageBlock testBlock = testSet.readBlock(0, 1, false);
        MnistClassifier.Outputs o = classifier.outputs(images, n);
        MnistClassifier.Outputs t = classifier.outputs(testBlock.data(), testBlock.rows());
        SampleMetrics.Coverage cov = SampleMetrics.coverage(o.predicted(), 10);
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("samples", n);
        json.put("mnist_score", SampleMetrics.mnistScore(o.probabilities(), n, 10));
        json.put("frechet_distance", FrechetDistance.between(o.features(), n, t.features(), testBlock.rows(), 256));
        json.put("classes_at_least_5_percent", cov.classesAtLeast5Percent());
        json.put("kl_to_uniform", cov.klToUniform());
        if (askedFor != null) {
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += o.predicted()[i] == askedFor[i] ? 1 : 0;
            }
            json.put("cgan_classified_as_asked", (double) right / n);
        }
        var shares = json.putArray("class_shares");
        for (double s : cov.shares()) {
            shares.add(s);
        }
        // Parzen: the bandwidth is chosen on a validation split (the last 1,000 training images), then
        // the mean log-likelihood of the test set is reported (Goodfellow et al. 2014).
        int np = Math.min(parzenSamples, n);
        ImageBlock validation = train.readBlock(train.count() / 1000 - 1, train.count() / 1000, false);
        int nv = Math.min(1000, validation.rows());
        double sigma = ParzenWindow.chooseSigma(images, np, validation.data(), nv, 784, new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5});
        json.put("parzen_sigma", sigma);
        json.put("parzen_log_likelihood", ParzenWindow.meanLogLikelihood(images, np, testBlock.data(), testBlock.rows(), 784, sigma));
        json.put("classifier_test_accuracy", classifier.accuracy(testBlock.data(), testBlock.labels(), testBlock.rows()));
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        System.out.println(text);
        if (out != null) {
            HadoopFiles.writeAtomically(out, text.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }
}
