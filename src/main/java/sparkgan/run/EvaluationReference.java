package sparkgan.run;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.BadInputException;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.data.MnistData;
import sparkgan.data.StreamSource;
import sparkgan.eval.ImageClassifier;
import sparkgan.spark.ClassifierCache;

/**
 * What judging samples needs from a data set's directory (IDX files under MNIST's names: MNIST,
 * Fashion-MNIST, a user's images of any shape): the test images, a validation split (the last 1,000
 * training images) for the Parzen bandwidth, and, when the directory has labels, the project's
 * classifier for that data set (trained on its training files on Spark the first time, then read
 * from its cache, keyed by the files' SHA-256). Without labels, {@link #classifier} is null and only
 * what needs no classifier is measured. Shared by {@code evaluate} and the periodic evaluation of
 * {@code train}.
 */
public record EvaluationReference(ImageShape shape, ImageClassifier classifier, ImageBlock test, ImageBlock validation) {
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    public boolean labelled() {
        return classifier != null;
    }

    /**
     * @param what names the option or key that gave {@code dir}, for the error message
     * @param expected the shape of the images to judge (refused before any classifier is trained when
     *     the data's differs), or null
     * @param judged what the images to judge are, for that message
     */
    public static EvaluationReference load(String dir, String what, ImageShape expected, String judged, ClassifierCache.Place cache,
                                           Supplier<JavaSparkContext> spark, Consumer<String> log) {
        String trainImages = DataLocator.existing(dir, DataLocator.IMAGES);
        String trainLabels = DataLocator.existing(dir, DataLocator.LABELS);
        String testImages = DataLocator.existing(dir, TEST_IMAGES);
        String testLabels = DataLocator.existing(dir, TEST_LABELS);
        if (trainImages == null || testImages == null) {
            throw new BadInputException(what + " " + dir + ": expected a directory with " + DataLocator.IMAGES + " and "
                    + TEST_IMAGES + " (gzipped or not; with " + DataLocator.LABELS + " and " + TEST_LABELS
                    + " the classifier's metrics too)");
        }
        boolean labelled = trainLabels != null && testLabels != null;
        MnistData train = MnistData.open(StreamSource.hadoop(trainImages), labelled ? StreamSource.hadoop(trainLabels) : null, 0, dir);
        MnistData testSet = MnistData.open(StreamSource.hadoop(testImages), labelled ? StreamSource.hadoop(testLabels) : null, 0,
                dir + " test set");
        if (!train.shape().equals(testSet.shape())) {
            throw new BadInputException(what + " " + dir + ": training images are " + train.shape().describe() + ", test images "
                    + testSet.shape().describe() + "; expected one shape");
        }
        if (expected != null && !expected.equals(train.shape())) {
            throw new BadInputException(judged + " are " + expected.describe() + " images; " + what + " " + dir + " holds "
                    + train.shape().describe() + "; expected the same shape");
        }
        if (train.count() < 1000) {
            throw new BadInputException(what + " " + dir + ": " + train.count() + " training images; expected at least 1000 "
                    + "(the last 1000 are the Parzen bandwidth's validation split)");
        }
        ImageClassifier classifier = labelled ? ClassifierCache.getOrTrain(cache, StreamSource.hadoop(trainImages),
                StreamSource.hadoop(trainLabels), train, spark, log) : null;
        ImageBlock validation = train.readRange(0, train.count() - 1000, train.count(), false);
        return new EvaluationReference(train.shape(), classifier, testSet.readBlock(0, 1, false), validation);
    }

    /**
     * A data set without MNIST's files or a classifier (a folder of images, as train reads it):
     * {@code rows} images, of which the last 1,000 (a quarter of a smaller set) are the Parzen bandwidth's
     * validation split and the rest the reference the samples are compared with.
     */
    public static EvaluationReference fromImages(String what, ImageShape shape, float[] data, int rows) {
        int validation = Math.min(1000, rows / 4);
        if (rows < 8) {
            throw new BadInputException(what + ": " + rows + " images; expected at least 8 (a quarter of them, up to 1000, are "
                    + "the Parzen bandwidth's validation split, the others the reference)");
        }
        int px = shape.pixels();
        int reference = rows - validation;
        return new EvaluationReference(shape, null, new ImageBlock(0, 0, reference, px, java.util.Arrays.copyOf(data, reference * px), null),
                new ImageBlock(0, reference, validation, px, java.util.Arrays.copyOfRange(data, reference * px, rows * px), null));
    }
}
