package sparkgan.eval;

/**
 * Judges a batch of generated images against a data set's test images through the project's
 * classifier for that data set: the score (MNIST's, computed with that data set's classifier), Fréchet distance of classifier features, mode coverage and, for a conditional GAN, the
 * share classified as the digit asked for. The test set's features and their Gaussian are computed once, so the same
 * probe can run every few thousand iterations during training. (Parzen is left to {@code evaluate}:
 * it needs 10,000 samples and a bandwidth search, too slow to repeat inside the loop.)
 */
public final class QualityProbe {
    /** What one look at the samples found; {@code classifiedAsAsked} is NaN for an unconditional GAN. */
    public record Quality(int samples, double mnistScore, double frechetDistance, int classesAtLeast5Percent,
                          double klToUniform, double[] classShares, double classifiedAsAsked) {
    }

    private final ImageClassifier classifier;
    private final FrechetDistance.Gaussian testFeatures;

    public QualityProbe(ImageClassifier classifier, float[] testImages, int testRows) {
        this.classifier = classifier;
        float[] features = classifier.outputs(testImages, testRows).features();
        this.testFeatures = FrechetDistance.Gaussian.fit(features, testRows, features.length / testRows);
    }

    public ImageClassifier classifier() {
        return classifier;
    }

    /**
     * @param images n rows of images of the classifier's shape in [0,1]
     * @param askedFor the class each sample was generated for (conditional GANs), or null
     */
    public Quality measure(float[] images, int n, int[] askedFor) {
        ImageClassifier.Outputs o = classifier.outputs(images, n);
        SampleMetrics.Coverage cov = SampleMetrics.coverage(o.predicted(), classifier.classes());
        double asAsked = Double.NaN;
        if (askedFor != null) {
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += o.predicted()[i] == askedFor[i] ? 1 : 0;
            }
            asAsked = (double) right / n;
        }
        int featureWidth = o.features().length / n;
        return new Quality(n, SampleMetrics.mnistScore(o.probabilities(), n, classifier.classes()),
                FrechetDistance.between(FrechetDistance.Gaussian.fit(o.features(), n, featureWidth), testFeatures),
                cov.classesAtLeast5Percent(), cov.klToUniform(), cov.shares(), asAsked);
    }
}
