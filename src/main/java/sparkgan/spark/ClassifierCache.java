package sparkgan.spark;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.BadInputException;
import sparkgan.data.MnistData;
import sparkgan.data.StreamSource;
import sparkgan.eval.ImageClassifier;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;

/**
 * The evaluation classifier, trained once per training set and cached on disk under a name that
 * holds the SHA-256 of the training files, so a different data set can never reuse it.
 */
public final class ClassifierCache {
    public static final int STEPS = 3000;
    public static final int BATCH = 256;
    public static final long SEED = 1;

    private ClassifierCache() {
    }

    /** Where classifiers are cached and how many steps one is trained for (part of its file name unless the default). */
    public record Place(String dir, int steps) {
        public Place {
            if (steps < 1) {
                throw new BadInputException("--classifier-steps " + steps + ": expected at least 1");
            }
        }

        /** The default training (3,000 steps) in {@code dir}. */
        public static Place of(String dir) {
            return new Place(dir, STEPS);
        }
    }

    public static ImageClassifier getOrTrain(Place place, StreamSource images, StreamSource labels, MnistData train,
                                             Supplier<JavaSparkContext> spark, Consumer<String> log) {
        String key = sha256(images, labels).substring(0, 16);
        String cacheDir = place.dir();
        String uri = HadoopFiles.child(cacheDir, "mnist-mlp-" + key + (place.steps() == STEPS ? "" : "-steps" + place.steps()) + ".sgan");
        if (HadoopFiles.exists(uri)) {
            try {
                ModelFile f = ModelFile.read(uri);
                // Files of releases before other data sets were judged record neither: they are MNIST's.
                int classes = Integer.parseInt(f.config().getOrDefault("classes", Integer.toString(ImageClassifier.MNIST_CLASSES)));
                return new ImageClassifier(train.shape(), classes, f.tensor("classifier"));
            } catch (BadInputException | IllegalArgumentException e) {
                log.accept("warning: cached classifier " + uri + " unusable (" + e.getMessage() + "); training a new one");
            }
        }
        log.accept("training the evaluation classifier on Spark (" + place.steps() + " steps of " + BATCH + "; cached in " + uri + ")");
        ImageClassifier c = ClassifierTraining.train(spark.get(), train, 2, SEED, place.steps(), BATCH, log);
        HadoopFiles.mkdirs(cacheDir);
        c.toModelFile(Map.of("training-data-sha256", key, "spec", ImageClassifier.network(c.shape(), c.classes()).toString(),
                "shape", c.shape().toString(), "classes", Integer.toString(c.classes()))).write(uri);
        return c;
    }

    private static String sha256(StreamSource images, StreamSource labels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (StreamSource s : new StreamSource[] {images, labels}) {
                try (InputStream in = s.open()) {
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        md.update(buf, 0, r);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read the classifier's training data: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
