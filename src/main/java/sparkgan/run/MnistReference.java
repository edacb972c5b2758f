package sparkgan.run;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import sparkgan.BadInputException;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.data.StreamSource;
import sparkgan.eval.MnistClassifier;
import sparkgan.spark.ClassifierCache;

/**
 * What judging samples needs from a full MNIST directory: the project's classifier (trained on the
 * training files on Spark the first time, then read from its cache), the test set, and a validation
 * split (the last 1,000 training images) for the Parzen bandwidth. Shared by {@code evaluate} and the
 * periodic evaluation of {@code train}.
 */
public record MnistReference(MnistClassifier classifier, ImageBlock test, ImageBlock validation) {
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /**
     * @param what names the option or key that gave {@code dir}, for the error message
     */
    public static MnistReference load(String dir, String what, String cacheDir, Supplier<JavaSparkContext> spark, Consumer<String> log) {
        String trainImages = DataLocator.existing(dir, DataLocator.IMAGES);
        String trainLabels = DataLocator.existing(dir, DataLocator.LABELS);
        String testImages = DataLocator.existing(dir, TEST_IMAGES);
        String testLabels = DataLocator.existing(dir, TEST_LABELS);
        if (trainImages == null || trainLabels == null || testImages == null || testLabels == null) {
            throw new BadInputException(what + " " + dir + ": expected an MNIST directory with " + DataLocator.IMAGES + ", "
                    + DataLocator.LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS + " (gzipped or not)");
        }
        MnistData train = MnistData.open(StreamSource.hadoop(trainImages), StreamSource.hadoop(trainLabels), 0, dir);
        MnistData testSet = MnistData.open(StreamSource.hadoop(testImages), StreamSource.hadoop(testLabels), 0, "MNIST test set");
        if (!train.shape().equals(MnistClassifier.SHAPE) || !testSet.shape().equals(MnistClassifier.SHAPE)) {
            throw new BadInputException(what + " " + dir + ": images are " + train.shape().describe() + ", not "
                    + MnistClassifier.SHAPE.describe() + "; the evaluation classifier is for MNIST");
        }
        MnistClassifier classifier = ClassifierCache.getOrTrain(cacheDir, StreamSource.hadoop(trainImages),
                StreamSource.hadoop(trainLabels), train, spark, log);
        ImageBlock validation = train.readBlock(train.count() / 1000 - 1, train.count() / 1000, false);
        return new MnistReference(classifier, testSet.readBlock(0, 1, false), validation);
    }
}
