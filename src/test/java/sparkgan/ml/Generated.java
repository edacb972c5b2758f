package sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.linalg.Vector;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.math.RandomStreams;

/**
 * What a GanModel must write for generated row {@code index}, computed here from the model file
 * alone: the noise of stream (seed, index), the row's label (or the code index mod codes), the
 * averaged G, the pixels scaled to 0..max. Seeded noise in range, the wrong weights or a dropped
 * label are tens of grey levels away; one row through BLAS may round a little otherwise than a chunk.
 */
final class Generated {
    /** Grey levels (of 255) within which a row must match. */
    static final double TOLERANCE = 0.05;

    private Generated() {
    }

    static double[] row(GanModel model, long seed, long index, int label, double max) {
        GanSpec spec = GanSpec.from(GanConfig.fromMap(model.configuration(), "model"));
        float[] noise = new float[spec.noiseDim()];
        spec.noise().fill(RandomStreams.stream(seed, index, 0, 0, RandomStreams.Purpose.GENERATE), noise, 0, 1, spec.noiseDim());
        int[] oneHot = spec.generatorOneHot() == 0 ? null : new int[] {label >= 0 ? label : (int) (index % spec.generatorOneHot())};
        float[] out = new float[spec.imagePixels()];
        GanKernel.forThread(spec).generate(model.modelFile().samplingGenerator(), noise, oneHot, 1, out);
        double[] pixels = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            pixels[i] = Math.max(0f, Math.min(1f, spec.signedPixels() ? (out[i] + 1f) * 0.5f : out[i])) * max;
        }
        return pixels;
    }

    /** The largest difference of any pixel. */
    static double maxDifference(double[] a, double[] b) {
        assertTrue(a.length == b.length, a.length + " against " + b.length + " pixels");
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Asserts that a generated vector is row {@code index}'s image. */
    static void assertRow(GanModel model, long seed, long index, int label, Object generated) {
        double[] got = ((Vector) generated).toArray();
        double d = maxDifference(row(model, seed, index, label, 255), got);
        assertTrue(d <= TOLERANCE, "row " + index + " differs from the model's image by " + d + " grey levels");
    }
}
