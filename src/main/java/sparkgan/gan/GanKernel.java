package sparkgan.gan;

import java.util.SplittableRandom;
import sparkgan.data.ImageBlock;
import sparkgan.math.Activation;
import sparkgan.math.Blas;
import sparkgan.math.FixedPointSum;
import sparkgan.math.Loss;
import sparkgan.math.Mlp;
import sparkgan.math.PartialSum;
import sparkgan.math.RandomStreams;
import sparkgan.math.RandomStreams.Purpose;
import sparkgan.math.Softmax;

/**
 * The local computation of one partition in one step, on dense matrices: no Spark here. It returns
 * gradient sums (not means) and statistic sums, which add up exactly across partitions.
 *
 * <p>One kernel per thread ({@link #forThread}): the networks' workspaces are reused from step to
 * step instead of being allocated in the hot path.
 */
public final class GanKernel {
    /** Statistics appended after the gradient in every result. */
    public static final int STAT_LOSS = 0;
    public static final int STAT_D_REAL = 1;
    public static final int STAT_D_FAKE = 2;
    public static final int STAT_CORRECT = 3;
    public static final int STAT_REAL_COUNT = 4;
    public static final int STAT_FAKE_COUNT = 5;
    public static final int STATS = 6;

    private static final ThreadLocal<GanKernel> PER_THREAD = new ThreadLocal<>();

    private final GanSpec spec;
    private final String key;
    private final Mlp g;
    private final Mlp d;
    private float[] noise = new float[0];
    private float[] real = new float[0];
    private float[] projectionGrad = new float[0];
    private float[] codeOut = new float[0];
    private float[] codeProbs = new float[0];
    private float[] groupMean = new float[0];
    private float[] groupSigma = new float[0];
    private float[] groupStddev = new float[0];

    public GanKernel(GanSpec spec) {
        this.spec = spec;
        this.key = spec.cacheKey();
        this.g = new Mlp(spec.generator());
        this.d = new Mlp(spec.discriminator());
    }

    /** This thread's kernel for the spec (executor task threads are pooled, so it lives long). */
    public static GanKernel forThread(GanSpec spec) {
        GanKernel k = PER_THREAD.get();
        if (k == null || !k.key.equals(spec.cacheKey())) {
            k = new GanKernel(spec);
            PER_THREAD.set(k);
        }
        return k;
    }

    public GanSpec spec() {
        return spec;
    }

    /** Length of a result for the phase: the trained network's parameters plus the statistics. */
    public static int resultLength(GanSpec spec, Phase phase) {
        return gradientLength(spec, phase) + (phase == Phase.BOTH ? 2 * STATS : STATS);
    }

    /** D's parameters, G's, or both (D first) for simultaneous updates and the chain. */
    public static int gradientLength(GanSpec spec, Phase phase) {
        switch (phase) {
            case DISCRIMINATOR: return spec.discriminatorParams();
            case GENERATOR: return spec.generator().paramCount();
            default: return spec.discriminatorParams() + spec.generator().paramCount();
        }
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
     * Runs one partition's share of a step and returns its gradient and statistic sums.
     */
    public PartialSum compute(StepRequest req, ImageBlock block, float[] gParams, float[] dParams) {
        long t0 = System.nanoTime();
        int p = block.partition();
        int n = req.plan().slice(p);
        Phase phase = req.phase();
        int paramCount = gradientLength(spec, phase);
        // A fresh array: it is the task's result, handed to Spark (never a reused workspace).
        float[] grad = new float[paramCount];
        double[] stats = new double[phase == Phase.BOTH ? 2 * STATS : STATS];
        if (n == 0) {
            return new PartialSum(grad, stats, 0);
        }
        SplittableRandom noiseRng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), p, Purpose.NOISE);
        SplittableRandom dropoutRng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), p, Purpose.DROPOUT);
        noise = ensure(noise, n * spec.noiseDim());
        if (req.noiseBank() > 0) {
            fillFromBank(spec, req.seed(), req.noiseBank(), req.plan(), p, req.dataCursor(), n, noise);
        } else {
            spec.noise().fill(noiseRng, noise, 0, n, spec.noiseDim());
        }
        int[] labels = spec.conditional() ? new int[n] : null;
        if (spec.codes() > 0) {
            // InfoGAN: the codes of the fakes, uniform, from their own stream (in both steps); they go
            // where a conditional GAN's labels go at G's input, and D never sees them.
            labels = new int[n];
            SplittableRandom codeRng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), p, Purpose.LABELS);
            for (int i = 0; i < n; i++) {
                labels[i] = codeRng.nextInt(spec.codes());
            }
        }
        if (req.trainsGenerator()) {
            if (spec.conditional()) {
                // Labels to generate: uniform over the classes, from their own stream.
                SplittableRandom labelRng = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), p, Purpose.LABELS);
                for (int i = 0; i < n; i++) {
                    labels[i] = labelRng.nextInt(spec.classes());
                }
            }
            if (phase == Phase.CHAIN) {
                chainGradient(gParams, dParams, noise, labels, n, dropoutRng, grad, stats);
            } else {
                generatorGradient(gParams, dParams, noise, labels, n, dropoutRng, grad, 0, stats, 0);
            }
        } else {
            real = ensure(real, n * spec.imagePixels());
            selectRows(block, req.seed(), req.dataCursor(), n, real, spec.conditional() ? labels : null);
            // A conditional D sees the fakes with the real slice's labels: both halves share the label mix.
            discriminatorGradient(gParams, dParams, real, noise, labels, n, dropoutRng, grad, 0, stats, 0);
            if (phase == Phase.BOTH) {
                // The same noise through the same (not yet updated) D: G's gradient of this pass.
                SplittableRandom gDropout = RandomStreams.stream(req.seed(), req.iteration(), req.generatorStreamPhase(), p, Purpose.DROPOUT);
                generatorGradient(gParams, dParams, noise, labels, n, gDropout, grad, spec.discriminatorParams(), stats, STATS);
            }
        }
        return new PartialSum(grad, stats, System.nanoTime() - t0);
    }

    /**
     * Copies the partition's {@code n} rows of D minibatch number {@code cursor} into {@code out}.
     * The partition walks through its images in a fresh random order each epoch; minibatch c takes
     * positions [c*n, (c+1)*n) of that endless sequence.
     */
    public static void selectRows(ImageBlock block, long seed, long cursor, int n, float[] out) {
        selectRows(block, seed, cursor, n, out, null);
    }

    /** As above, also copying the rows' labels into {@code labelsOut} when it is not null. */
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
                labelsOut[i] = block.labels()[row];
            }
        }
    }

    /**
     * D step on explicit inputs: {@code n} real images and {@code n} noise vectors. D sees the real
     * rows with target realLabel and G's images with target 0; D's gradient sums go to {@code gradD}.
     */
    public void discriminatorGradient(float[] gParams, float[] dParams, float[] realRows, float[] noiseRows, int n,
                                      SplittableRandom dropoutRng, float[] gradD, double[] stats) {
        discriminatorGradient(gParams, dParams, realRows, noiseRows, null, n, dropoutRng, gradD, 0, stats, 0);
    }

    /**
     * As above, for a conditional GAN with the rows' {@code labels} (null when unconditional), adding
     * into {@code gradD} from {@code gradOff} and {@code stats} from {@code statOff}.
     */
    public void discriminatorGradient(float[] gParams, float[] dParams, float[] realRows, float[] noiseRows, int[] labels,
                                      int n, SplittableRandom dropoutRng, float[] gradD, int gradOff, double[] stats, int statOff) {
        g.ensureRows(n);
        generatorInput(noiseRows, labels, n);
        g.forward(gParams, n, dropoutRng);
        d.ensureRows(2 * n);
        discriminatorInput(realRows, labels, n, 0);
        discriminatorInput(g.output(), labels, n, n);
        d.forward(dParams, 2 * n, dropoutRng);
        projectForward(dParams, labels, n, 2 * n);
        stddevForward(dParams, n, 2 * n);
        float[] logits = d.output();
        float[] dOut = d.outputGrad();
        Loss loss = spec.loss();
        for (int i = 0; i < 2 * n; i++) {
            boolean isReal = i < n;
            float target = isReal ? spec.realLabel() : 0f;
            float z = logits[i];
            stats[statOff + STAT_LOSS] += loss.value(z, target);
            dOut[i] = loss.gradient(z, target);
            float prob = Activation.sigmoid(z);
            if (isReal) {
                stats[statOff + STAT_D_REAL] += prob;
                stats[statOff + STAT_CORRECT] += prob > 0.5f ? 1 : 0;
            } else {
                stats[statOff + STAT_D_FAKE] += prob;
                stats[statOff + STAT_CORRECT] += prob < 0.5f ? 1 : 0;
            }
        }
        stats[statOff + STAT_REAL_COUNT] += n;
        stats[statOff + STAT_FAKE_COUNT] += n;
        // Q learns to read the code back from the fakes (rows n..2n); x2: the trainer divides D's sums by 2n.
        float[] hiddenGrad = spec.codes() > 0 ? codeHead(dParams, labels, noiseRows, n, 2 * n, 2f, gradD, gradOff)
                : projectBackward(dParams, labels, n, 2 * n, gradD, gradOff);
        hiddenGrad = stddevBackward(dParams, hiddenGrad, n, 2 * n, gradD, gradOff);
        d.backward(dParams, gradD, gradOff, false, hiddenGrad);
    }

    /**
     * G step on explicit noise: G(z) goes through D (dropout on, weights frozen) with the
     * generator's target; the error flows back through D into G, whose gradient sums go to
     * {@code gradG}. D's parameter gradients are not even computed.
     */
    public void generatorGradient(float[] gParams, float[] dParams, float[] noiseRows, int n,
                                  SplittableRandom dropoutRng, float[] gradG, double[] stats) {
        generatorGradient(gParams, dParams, noiseRows, null, n, dropoutRng, gradG, 0, stats, 0);
    }

    /**
     * As above, for a conditional GAN generating the given {@code labels} (null when unconditional),
     * adding into {@code gradG} from {@code gradOff} and {@code stats} from {@code statOff}.
     */
    public void generatorGradient(float[] gParams, float[] dParams, float[] noiseRows, int[] labels, int n,
                                  SplittableRandom dropoutRng, float[] gradG, int gradOff, double[] stats, int statOff) {
        throughDiscriminator(gParams, dParams, noiseRows, labels, n, dropoutRng, null, gradG, gradOff, stats, statOff);
    }

    /**
     * The chain step: as the G step, but D's parameter gradients of the same loss are summed too,
     * into {@code grad[0, pD)}, and G's into {@code grad[pD, pD + pG)}.
     */
    public void chainGradient(float[] gParams, float[] dParams, float[] noiseRows, int[] labels, int n,
                              SplittableRandom dropoutRng, float[] grad, double[] stats) {
        throughDiscriminator(gParams, dParams, noiseRows, labels, n, dropoutRng, grad, grad, spec.discriminatorParams(), stats, 0);
    }

    private void throughDiscriminator(float[] gParams, float[] dParams, float[] noiseRows, int[] labels, int n,
                                      SplittableRandom dropoutRng, float[] gradD, float[] gradG, int gradOff, double[] stats, int statOff) {
        int px = spec.imagePixels();
        g.ensureRows(n);
        generatorInput(noiseRows, labels, n);
        g.forward(gParams, n, dropoutRng);
        d.ensureRows(n);
        discriminatorInput(g.output(), labels, n, 0);
        d.forward(dParams, n, dropoutRng);
        projectForward(dParams, labels, n, n);
        stddevForward(dParams, n, n);
        float[] logits = d.output();
        float[] dOut = d.outputGrad();
        Loss loss = spec.loss();
        for (int i = 0; i < n; i++) {
            float z = logits[i];
            if (spec.minimax()) {
                // G minimises log(1 - D(G(z))) = -loss(z, 0).
                stats[statOff + STAT_LOSS] -= loss.value(z, 0f);
                dOut[i] = -loss.gradient(z, 0f);
            } else {
                stats[statOff + STAT_LOSS] += loss.value(z, 1f);
                dOut[i] = loss.gradient(z, 1f);
            }
            float prob = Activation.sigmoid(z);
            stats[statOff + STAT_D_FAKE] += prob;
            stats[statOff + STAT_CORRECT] += prob < 0.5f ? 1 : 0;
        }
        stats[statOff + STAT_FAKE_COUNT] += n;
        // G is also asked to make its code readable to Q (D's parameters, Q's included, frozen unless chained).
        float[] hiddenGrad = spec.codes() > 0 ? codeHead(dParams, labels, noiseRows, 0, n, 1f, gradD, 0)
                : projectBackward(dParams, labels, n, n, gradD, 0);
        hiddenGrad = stddevBackward(dParams, hiddenGrad, n, n, gradD, 0);
        d.backward(dParams, gradD, 0, true, hiddenGrad);
        // dLoss/dImage: the image columns of D's input gradient (the label columns are constants).
        int width = px + spec.classes();
        if (spec.classes() == 0) {
            System.arraycopy(d.inputGrad(), 0, g.outputGrad(), 0, n * px);
        } else {
            for (int r = 0; r < n; r++) {
                System.arraycopy(d.inputGrad(), r * width, g.outputGrad(), r * px, px);
            }
        }
        g.backward(gParams, gradG, gradOff, false);
    }

    /**
     * Projection discriminator: adds {@code <V[y], h>} to each of D's {@code rows} logits, h being the
     * row's last hidden layer as the output layer read it and y its label ({@code labels[row % n]}:
     * the D step's real and fake halves share their labels).
     */
    private void projectForward(float[] dParams, int[] labels, int n, int rows) {
        if (!spec.projection()) {
            return;
        }
        int h = spec.projectionWidth();
        float[] hidden = d.layerInput(spec.discriminator().layers() - 1);
        float[] logits = d.output();
        for (int r = 0; r < rows; r++) {
            int v = spec.projectionOffset() + labels[r % n] * h;
            float s = 0f;
            for (int k = 0; k < h; k++) {
                s += dParams[v + k] * hidden[r * h + k];
            }
            logits[r] += s;
        }
    }

    /**
     * The projection term's backward pass, given dLoss/dLogit in D's output gradient: adds dLoss/dV into
     * {@code gradD} (when not null) and returns dLoss/dh for {@link Mlp#backward}; null without projection.
     */
    private float[] projectBackward(float[] dParams, int[] labels, int n, int rows, float[] gradD, int gradOff) {
        if (!spec.projection()) {
            return null;
        }
        int h = spec.projectionWidth();
        float[] hidden = d.layerInput(spec.discriminator().layers() - 1);
        float[] dLogit = d.outputGrad();
        projectionGrad = ensure(projectionGrad, rows * h);
        for (int r = 0; r < rows; r++) {
            int v = spec.projectionOffset() + labels[r % n] * h;
            float gr = dLogit[r];
            for (int k = 0; k < h; k++) {
                projectionGrad[r * h + k] = gr * dParams[v + k];
                if (gradD != null) {
                    gradD[gradOff + v + k] += gr * hidden[r * h + k];
                }
            }
        }
        return projectionGrad;
    }

    /**
     * The InfoGAN code head Q on D's last hidden layer h: outputs h W_Q + b_Q for D's rows
     * [first, first + n), row first + i being the fake made from code {@code codes[i]} and noise row i.
     * The first {@code codes} outputs are logits: {@code scale * codeWeight} times the cross-entropy of
     * their softmax against the code. The rest predict the continuous codes, the row's first noise
     * values: {@code scale * continuousWeight} times half the squared error. Adds dLoss/dQ into
     * {@code gradD} (when not null) and returns dLoss/dh for all {@code rows} rows (0 outside the fakes).
     */
    private float[] codeHead(float[] dParams, int[] codes, float[] noiseRows, int first, int rows, float scale,
                             float[] gradD, int gradOff) {
        int h = spec.projectionWidth();
        int k = spec.codes();
        int width = spec.codeHeadWidth();
        int nz = spec.noiseDim();
        int n = codes.length;
        int w = spec.codeHeadOffset();
        int b = w + h * width;
        float weight = scale * spec.codeWeight();
        float continuousWeight = scale * spec.continuousWeight();
        float[] hidden = d.layerInput(spec.discriminator().layers() - 1);
        codeOut = ensure(codeOut, n * width);
        codeProbs = ensure(codeProbs, n * k);
        // Q's outputs for the fakes: H[n x h] W_Q[h x width] + b_Q, one product instead of n * width dot products.
        for (int i = 0; i < n; i++) {
            System.arraycopy(dParams, b, codeOut, i * width, width);
        }
        Blas.gemm(false, false, n, width, h, 1f, hidden, first * h, dParams, w, 1f, codeOut, 0);
        // dLoss/dQ's outputs, in place: softmax - one-hot for the logits, prediction - value for the rest.
        for (int i = 0; i < n; i++) {
            int row = i * width;
            System.arraycopy(codeOut, row, codeProbs, i * k, k);
            Softmax.crossEntropy(codeProbs, i, k, codes[i], codeProbs, codeProbs);
            System.arraycopy(codeProbs, i * k, codeOut, row, k);
            for (int c = 0; c < k; c++) {
                codeOut[row + c] *= weight;
            }
            for (int c = k; c < width; c++) {
                codeOut[row + c] = continuousWeight * (codeOut[row + c] - noiseRows[i * nz + c - k]);
            }
        }
        if (gradD != null) {
            Blas.gemm(true, false, h, width, n, 1f, hidden, first * h, codeOut, 0, 1f, gradD, gradOff + w);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < width; c++) {
                    gradD[gradOff + b + c] += codeOut[i * width + c];
                }
            }
        }
        projectionGrad = ensure(projectionGrad, rows * h);
        java.util.Arrays.fill(projectionGrad, 0, rows * h, 0f);
        Blas.gemm(false, true, n, h, width, 1f, codeOut, 0, dParams, w, 0f, projectionGrad, first * h);
        return projectionGrad;
    }

    /**
     * Minibatch standard deviation, forward: D's {@code rows} rows form segments of {@code segment} rows
     * (the D step's real half and fake half), each cut into groups of {@code d.minibatchStd} consecutive
     * rows (the last group of a segment may be smaller). For each group, the standard deviation of every
     * last hidden feature over the group's rows, sqrt(variance + 1e-8), averaged over the features, is
     * s; each row's logit gains w_s * s. Keeps the means and deviations for {@link #stddevBackward}.
     */
    private void stddevForward(float[] dParams, int segment, int rows) {
        int m = spec.stddevGroup();
        if (m == 0) {
            return;
        }
        int h = spec.projectionWidth();
        float[] hidden = d.layerInput(spec.discriminator().layers() - 1);
        float[] logits = d.output();
        float ws = dParams[spec.stddevOffset()];
        groupMean = ensure(groupMean, rows * h);
        groupSigma = ensure(groupSigma, rows * h);
        groupStddev = ensure(groupStddev, rows);
        // Group statistics are stored at the group's first row, so that a group is found by its start.
        for (int start = 0; start < rows; start += segment) {
            int end = Math.min(rows, start + segment);
            for (int g0 = start; g0 < end; g0 += m) {
                int size = Math.min(m, end - g0);
                double sum = 0;
                for (int j = 0; j < h; j++) {
                    float mean = 0f;
                    for (int r = g0; r < g0 + size; r++) {
                        mean += hidden[r * h + j];
                    }
                    mean /= size;
                    float var = 0f;
                    for (int r = g0; r < g0 + size; r++) {
                        float e = hidden[r * h + j] - mean;
                        var += e * e;
                    }
                    float sigma = (float) Math.sqrt(var / size + 1e-8f);
                    groupMean[g0 * h + j] = mean;
                    groupSigma[g0 * h + j] = sigma;
                    sum += sigma;
                }
                float s = (float) (sum / h);
                groupStddev[g0] = s;
                for (int r = g0; r < g0 + size; r++) {
                    logits[r] += ws * s;
                }
            }
        }
    }

    /**
     * Minibatch standard deviation, backward, given dLoss/dLogit in D's output gradient: adds
     * dLoss/dw_s into {@code gradD} (when not null) and dLoss/dh into {@code hiddenGrad} (allocated
     * when null), which it returns. For a group G of size k: ds/dh_rj = (h_rj - mean_j) / (H k sigma_j),
     * and every row of G passes its dLoss/dLogit times w_s to s.
     */
    private float[] stddevBackward(float[] dParams, float[] hiddenGrad, int segment, int rows, float[] gradD, int gradOff) {
        int m = spec.stddevGroup();
        if (m == 0) {
            return hiddenGrad;
        }
        int h = spec.projectionWidth();
        float[] hidden = d.layerInput(spec.discriminator().layers() - 1);
        float[] dLogit = d.outputGrad();
        float ws = dParams[spec.stddevOffset()];
        if (hiddenGrad == null) {
            projectionGrad = ensure(projectionGrad, rows * h);
            java.util.Arrays.fill(projectionGrad, 0, rows * h, 0f);
            hiddenGrad = projectionGrad;
        }
        for (int start = 0; start < rows; start += segment) {
            int end = Math.min(rows, start + segment);
            for (int g0 = start; g0 < end; g0 += m) {
                int size = Math.min(m, end - g0);
                float dS = 0f;
                for (int r = g0; r < g0 + size; r++) {
                    dS += dLogit[r];
                }
                if (gradD != null) {
                    gradD[gradOff + spec.stddevOffset()] += dS * groupStddev[g0];
                }
                float scale = dS * ws / (h * size);
                for (int r = g0; r < g0 + size; r++) {
                    for (int j = 0; j < h; j++) {
                        hiddenGrad[r * h + j] += scale * (hidden[r * h + j] - groupMean[g0 * h + j]) / groupSigma[g0 * h + j];
                    }
                }
            }
        }
        return hiddenGrad;
    }

    /** G's input rows: noise, then the one-hot label (conditional) or code (info). */
    private void generatorInput(float[] noiseRows, int[] labels, int n) {
        int nz = spec.noiseDim();
        int c = spec.generatorOneHot();
        float[] in = g.input();
        if (c == 0) {
            System.arraycopy(noiseRows, 0, in, 0, n * nz);
            return;
        }
        int w = nz + c;
        for (int r = 0; r < n; r++) {
            System.arraycopy(noiseRows, r * nz, in, r * w, nz);
            java.util.Arrays.fill(in, r * w + nz, r * w + w, 0f);
            in[r * w + nz + labels[r]] = 1f;
        }
    }

    /** D's input rows [firstRow, firstRow+n): an image, then (conditional) the one-hot label. */
    private void discriminatorInput(float[] images, int[] labels, int n, int firstRow) {
        int px = spec.imagePixels();
        int c = spec.classes();
        float[] in = d.input();
        if (c == 0) {
            System.arraycopy(images, 0, in, firstRow * px, n * px);
            return;
        }
        int w = px + c;
        for (int r = 0; r < n; r++) {
            int at = (firstRow + r) * w;
            System.arraycopy(images, r * px, in, at, px);
            java.util.Arrays.fill(in, at + px, at + w, 0f);
            in[at + px + labels[r]] = 1f;
        }
    }

    /** Runs G in inference mode on {@code n} noise vectors (and labels, conditional); images into {@code out}. */
    public void generate(float[] gParams, float[] noiseRows, int[] labels, int n, float[] out) {
        g.ensureRows(n);
        generatorInput(noiseRows, labels, n);
        g.forward(gParams, n, null);
        System.arraycopy(g.output(), 0, out, 0, n * spec.imagePixels());
    }

    private static float[] ensure(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }
}
