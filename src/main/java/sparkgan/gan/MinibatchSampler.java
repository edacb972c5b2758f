package sparkgan.gan;

import java.util.SplittableRandom;
import sparkgan.data.ImageBlock;
import sparkgan.math.RandomStreams;
import sparkgan.math.RandomStreams.Purpose;

/**
 * Draws a partition's {@link Minibatch} for a step: its images in an epoch walk, fresh noise or noise
 * from a fixed bank, uniform labels and codes; each from its own stream keyed by (seed, iteration,
 * phase, partition), so that a retried task draws the same batch. Reuses its buffers: one per thread.
 */
public final class MinibatchSampler {
    private final GanSpec spec;
    private float[] noise = new float[0];
    private float[] real = new float[0];
    private int[] labels = new int[0];
    private int[] codes = new int[0];

    public MinibatchSampler(GanSpec spec) {
        this.spec = spec;
    }

    /** The {@code n} rows partition {@code block} contributes to the step {@code req}. */
    public Minibatch draw(StepRequest req, ImageBlock block, int n) {
        int p = block.partition();
        if (noise.length < n * spec.noiseDim()) {
            noise = new float[n * spec.noiseDim()];
        }
        if (req.noiseBank() > 0) {
            fillFromBank(spec, req.seed(), req.noiseBank(), req.plan(), p, req.dataCursor(), n, noise);
        } else {
            spec.noise().fill(RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), p, Purpose.NOISE),
                    noise, 0, n, spec.noiseDim());
        }
        int[] fakeCodes = spec.codes() > 0 ? uniform(codes = grow(codes, n), n, spec.codes(), req, p) : null;
        if (req.trainsGenerator()) {
            int[] wanted = spec.conditional() ? uniform(labels = grow(labels, n), n, spec.classes(), req, p) : null;
            return new Minibatch(n, noise, null, wanted, fakeCodes);
        }
        if (real.length < n * spec.imagePixels()) {
            real = new float[n * spec.imagePixels()];
        }
        int[] realLabels = spec.conditional() ? (labels = grow(labels, n)) : null;
        selectRows(block, req.seed(), req.dataCursor(), n, real, realLabels);
        return new Minibatch(n, noise, real, realLabels, fakeCodes);
    }

    /** Labels or codes uniform over {@code values}, from the step's LABELS stream. */
    private static int[] uniform(int[] out, int n, int values, StepRequest req, int partition) {
        SplittableRandom rng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), partition, Purpose.LABELS);
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextInt(values);
        }
        return out;
    }

    private static int[] grow(int[] a, int n) {
        return a.length >= n ? a : new int[n];
    }

    /**
     * Fills {@code n} noise rows for minibatch {@code cursor} of a partition from a fixed bank of
     * {@code bank} vectors: the partition owns its share of the bank (as it owns its share of the
     * images) and walks it in a fresh random order each epoch. Bank vector j is drawn from its own
     * stream, so every task can recreate it without the bank ever being shipped.
     */
    public static void fillFromBank(GanSpec spec, long seed, int bank, SlicePlan plan, int partition, long cursor, int n, float[] out) {
        int parts = plan.partitions();
        int first = (int) ((long) bank * partition / parts);
        int owned = (int) ((long) bank * (partition + 1) / parts) - first;
        if (owned <= 0) {
            throw new IllegalStateException("noise bank of " + bank + " is smaller than the " + parts + " partitions");
        }
        int nz = spec.noiseDim();
        int[] picked = epochWalk(seed, partition, Purpose.BANK_ORDER, owned, cursor, n);
        for (int i = 0; i < n; i++) {
            spec.noise().fill(RandomStreams.stream(seed, 0, 0, first + picked[i], Purpose.BANK), out, i * nz, 1, nz);
        }
    }

    /**
     * Positions [cursor*n, (cursor+1)*n) of an endless walk through {@code size} items in which every
     * epoch visits them all once, in a random order keyed by (seed, epoch, partition, purpose).
     */
    static int[] epochWalk(long seed, int partition, Purpose purpose, int size, long cursor, int n) {
        int[] picked = new int[n];
        long start = cursor * n;
        long epoch = -1;
        int[] order = null;
        for (int i = 0; i < n; i++) {
            long pos = start + i;
            long e = pos / size;
            if (e != epoch) {
                epoch = e;
                order = RandomStreams.permutation(RandomStreams.stream(seed, epoch, 0, partition, purpose), size);
            }
            picked[i] = order[(int) (pos % size)];
        }
        return picked;
    }

    /**
     * Copies the partition's {@code n} rows of D minibatch number {@code cursor} into {@code out}, and
     * their labels into {@code labelsOut} when it is not null. The partition walks through its images
     * in a fresh random order each epoch; minibatch c takes positions [c*n, (c+1)*n) of that sequence.
     */
    public static void selectRows(ImageBlock block, long seed, long cursor, int n, float[] out, int[] labelsOut) {
        if (labelsOut != null && block.labels() == null) {
            throw new IllegalStateException("a conditional GAN needs labels, partition " + block.partition() + " has none");
        }
        int width = block.pixels();
        int[] picked = epochWalk(seed, block.partition(), Purpose.SHUFFLE, block.rows(), cursor, n);
        for (int i = 0; i < n; i++) {
            int row = picked[i];
            System.arraycopy(block.data(), row * width, out, i * width, width);
            if (labelsOut != null) {
                labelsOut[i] = block.labels()[row] & 0xff;
            }
        }
    }
}
