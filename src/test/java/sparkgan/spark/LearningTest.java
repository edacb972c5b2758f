package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.testing.SparkTestContext;
import sparkgan.testing.TestData;
import sparkgan.train.GanTrainer;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingState;

/**
 * A short local[2] run on real MNIST learns: D separates real from fake within the first steps, and
 * G's samples move toward the data (their mean image and their share of background pixels approach
 * MNIST's). A control run whose generator cannot learn (lr 1e-9) must fail the same statistics, so
 * they are not satisfied by construction.
 */
class LearningTest {
    private static final int STEPS = 400;

    record Outcome(double earlyGap, double bestEarlyAccuracy, double meanImageDistance0, double meanImageDistance, double background0, double background,
                   double spread) {
    }

    private static GanConfig config(String gLr) {
        return GanConfig.defaults()
                .with("g.layers", "32,128,784").with("d.layers", "784,128,1").with("info.codes", "0")
                .with("d.dropout", "0.3").with("train.batch", "64")
                .with("g.lr", gLr).with("d.lr", "0.001").with("train.seed", "3");
    }

    private static Outcome train(String gLr, MnistData data, float[] realMean, double realBackground) {
        GanConfig config = config(gLr);
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        float[] before = Sampler.sample(spec, state.generator().values(), 1000, 1);
        List<Double> accuracy = new ArrayList<>();
        List<Double> gap = new ArrayList<>();
        try (SparkEngine engine = SparkEngine.load(SparkTestContext.get(), spec, data, 2, 2)) {
            new GanTrainer(spec, settings, engine).run(state, STEPS, (m, s) -> {
                accuracy.add(m.dAccuracy());
                gap.add(m.dReal() - m.dFake());
            });
        }
        float[] after = Sampler.sample(spec, state.generator().values(), 1000, 1);
        double earlyGap = gap.subList(10, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double bestEarlyAccuracy = accuracy.subList(0, 150).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return new Outcome(earlyGap, bestEarlyAccuracy, distance(meanImage(before), realMean), distance(meanImage(after), realMean),
                background(before), background(after), spread(after));
    }

    @Test
    void discriminatorLeavesChanceAndGeneratorMovesTowardTheData() {
        MnistData data = TestData.mnistOrEmbedded(20000);
        ImageBlock all = data.readBlock(0, 1, false);
        float[] realMean = meanImage(all.data());
        double realBackground = background(all.data());

        Outcome learning = train("0.002", data, realMean, realBackground);
        String report = learning.toString() + " real background " + realBackground;
        System.out.println("LearningTest learning run: " + report);
        // D separates real from fake early: mean D(x) - D(G(z)) over steps 10-40, best accuracy in the first 150.
        assertTrue(learning.earlyGap() > 0.15, "D(x) - D(G(z)) in steps 10-40: " + report);
        assertTrue(learning.bestEarlyAccuracy() > 0.75, "D accuracy in steps 1-150: " + report);
        assertTrue(learning.meanImageDistance() < 0.6 * learning.meanImageDistance0(), "mean image distance: " + report);
        assertTrue(Math.abs(learning.background() - realBackground) < 0.7 * Math.abs(learning.background0() - realBackground),
                "background share: " + report);

        // Not one average-looking image: G's samples vary as much as a good share of the data does. A
        // collapsed G (every sample the data's mean image) fails this statistic.
        double realSpread = spread(all.data());
        assertTrue(learning.spread() > 0.3 * realSpread, "spread " + learning.spread() + " vs the data's " + realSpread + ": " + report);
        float[] collapsed = new float[1000 * 784];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(realMean, 0, collapsed, i * 784, 784);
        }
        assertTrue(spread(collapsed) < 0.3 * realSpread, "the statistic must fail a collapsed G");

        Outcome frozen = train("1e-9", data, realMean, realBackground);
        String frozenReport = frozen.toString();
        System.out.println("LearningTest control run: " + frozenReport);
        assertTrue(frozen.meanImageDistance() > 0.9 * frozen.meanImageDistance0(), "control moved: " + frozenReport);
        assertTrue(Math.abs(frozen.background() - realBackground) > 0.95 * Math.abs(frozen.background0() - realBackground),
                "control moved: " + frozenReport);
    }

    static float[] meanImage(float[] images) {
        int n = images.length / 784;
        float[] mean = new float[784];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 784; j++) {
                mean[j] += images[i * 784 + j] / n;
            }
        }
        return mean;
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** Mean over pixels of the images' standard deviation: 0 for a generator that draws one image whatever its noise. */
    static double spread(float[] images) {
        int n = images.length / 784;
        double total = 0;
        for (int j = 0; j < 784; j++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double v = images[i * 784 + j];
                sum += v;
                sq += v * v;
            }
            double mean = sum / n;
            total += Math.sqrt(Math.max(0, sq / n - mean * mean));
        }
        return total / 784;
    }

    /** Share of dark pixels, below 0.25 (MNIST's background is about 80% of every image). */
    static double background(float[] images) {
        long dark = 0;
        for (float v : images) {
            if (v < 0.25f) {
                dark++;
            }
        }
        return (double) dark / images.length;
    }
}
