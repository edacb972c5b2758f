package sparkgan.gan;

import java.util.SplittableRandom;
import sparkgan.math.RandomStreams;

/**
 * Draws images from a generator: noise from the GENERATE stream of the given seed, G in inference
 * mode, pixels mapped to [0,1]. The same parameters and seed give the same images, bit for bit.
 */
public final class Sampler {
    private static final int CHUNK = 512;

    private Sampler() {
    }

    /** {@code count} images, row-major [count x pixels], in [0,1]; a conditional G cycles through its classes, an InfoGAN G through its codes. */
    public static float[] sample(GanSpec spec, float[] gParams, int count, long seed) {
        return sample(spec, gParams, count, seed, null);
    }

    /** Labels that cycle through the classes: sample i asks for class i % classes. */
    public static int[] cyclingLabels(int count, int classes) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /**
     * Labels for a grid grouped by label (or code value): sample i is value i / group, where each
     * value gets group = ceil(count / values) samples in a row, the last value what is left.
     */
    public static int[] grouped(int count, int values) {
        int group = (count + values - 1) / values;
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = Math.min(values - 1, i / group);
        }
        return labels;
    }

    /**
     * Columns of a grid of {@code count} samples grouped by {@code values} values that stays close to
     * square: a whole number of groups per row when a group is no longer than the square's side
     * (10 classes of 10: one class per row; 20 codes of 5: two codes per row), else the square's side,
     * the groups running on from row to row (2 classes of 50: 10 columns, not a 2-row strip).
     */
    public static int gridColumns(int count, int values) {
        int side = (int) Math.ceil(Math.sqrt(count));
        int group = (count + values - 1) / values;
        if (group > side) {
            return side;
        }
        return group * Math.max(1, Math.round((float) side / group));
    }

    /** As above with the label (or code) of every sample; null: cycling as above. */
    public static float[] sample(GanSpec spec, float[] gParams, int count, long seed, int[] labels) {
        if (labels == null && spec.generatorOneHot() > 0) {
            // A label or a code for every sample, uniform over its values (the prior of InfoGAN's code).
            labels = cyclingLabels(count, spec.generatorOneHot());
        }
        int nz = spec.noiseDim();
        int px = spec.imagePixels();
        float[] images = new float[count * px];
        float[] noise = new float[Math.min(count, CHUNK) * nz];
        float[] out = new float[Math.min(count, CHUNK) * px];
        SplittableRandom rng = RandomStreams.stream(seed, 0, 0, 0, RandomStreams.Purpose.GENERATE);
        GanKernel kernel = new GanKernel(spec);
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            spec.noise().fill(rng, noise, 0, n, nz);
            int[] chunkLabels = labels == null ? null : java.util.Arrays.copyOfRange(labels, start, start + n);
            kernel.generate(gParams, noise, chunkLabels, n, out);
            for (int i = 0; i < n * px; i++) {
                float x = spec.signedPixels() ? (out[i] + 1f) * 0.5f : out[i];
                images[start * px + i] = Math.max(0f, Math.min(1f, x));
            }
        }
        return images;
    }
}
