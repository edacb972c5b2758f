package sparkgan.gan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import sparkgan.data.ImageBlock;
import sparkgan.gan.head.DiscriminatorRows;
import sparkgan.gan.head.FakeCodes;
import sparkgan.gan.head.Head;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.math.PartialSum;
import sparkgan.math.RandomStreams;
import sparkgan.math.RandomStreams.Purpose;
import sparkgan.nn.Batch;
import sparkgan.nn.NetworkPass;
import sparkgan.nn.ParamSlice;

/**
 * The game on one partition in one step, on dense matrices: no Spark here. It assembles the networks'
 * inputs, scores D's logits against the step's targets, and returns the gradient of the network the
 * step trains: sums (not means) with statistic sums, which add up exactly across partitions. What the
 * networks and heads compute is theirs ({@link NetworkPass}, {@link Head}); what the batch holds is
 * the {@link MinibatchSampler}'s.
 *
 * <p>One kernel per thread ({@link #forThread}): workspaces are reused from step to step instead of
 * being allocated in the hot path.
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
    private final NetworkPass g;
    private final NetworkPass d;
    private final List<Head.Pass> heads = new ArrayList<>();
    private final MinibatchSampler sampler;
    private float[] featureGrad = new float[0];

    public GanKernel(GanSpec spec) {
        this.spec = spec;
        this.g = new NetworkPass(spec.generator());
        this.d = new NetworkPass(spec.discriminator());
        for (Head head : spec.heads()) {
            heads.add(head.newPass());
        }
        this.sampler = new MinibatchSampler(spec);
    }

    /** This thread's kernel for the spec (executor task threads are pooled, so it lives long). */
    public static GanKernel forThread(GanSpec spec) {
        GanKernel k = PER_THREAD.get();
        if (k == null || !k.spec.equals(spec)) {
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

    /** Runs one partition's share of a step and returns its gradient and statistic sums. */
    public PartialSum compute(StepRequest req, ImageBlock block, float[] gParams, float[] dParams) {
        long t0 = System.nanoTime();
        int p = block.partition();
        int n = req.plan().slice(p);
        Phase phase = req.phase();
        // A fresh array: it is the task's result, handed to Spark (never a reused workspace).
        float[] grad = new float[gradientLength(spec, phase)];
        double[] stats = new double[phase == Phase.BOTH ? 2 * STATS : STATS];
        if (n == 0) {
            return new PartialSum(grad, stats, 0, req.transfer());
        }
        Minibatch batch = sampler.draw(req, block, n);
        SplittableRandom dropout = RandomStreams.stream(req.seed(), req.iteration(), req.streamPhase(), p, Purpose.DROPOUT);
        ParamSlice all = new ParamSlice(grad, 0);
        if (phase == Phase.CHAIN) {
            chainGradient(gParams, dParams, batch, dropout, grad, new StatSums(stats, 0));
        } else if (phase == Phase.GENERATOR) {
            generatorGradient(gParams, dParams, batch, dropout, all, new StatSums(stats, 0));
        } else {
            // A conditional D sees the fakes with the real slice's labels: both halves share the label mix.
            discriminatorGradient(gParams, dParams, batch, dropout, all, new StatSums(stats, 0));
            if (phase == Phase.BOTH) {
                // The same noise through the same (not yet updated) D: G's gradient of this pass.
                SplittableRandom gDropout = RandomStreams.stream(req.seed(), req.iteration(), req.generatorStreamPhase(), p,
                        Purpose.DROPOUT);
                generatorGradient(gParams, dParams, batch, gDropout, all.shift(spec.discriminatorParams()),
                        new StatSums(stats, STATS));
            }
        }
        // At bfloat16 the partial rounds its values as it is made (after the kernel's time is taken).
        return new PartialSum(grad, stats, System.nanoTime() - t0, req.transfer());
    }

    /**
     * D step: D sees the batch's real rows with target realLabel and G's images of its noise with
     * target 0 (a conditional D both with the batch's labels); D's gradient sums go to {@code gradD}.
     */
    public void discriminatorGradient(float[] gParams, float[] dParams, Minibatch batch, RandomGenerator dropout,
                                      ParamSlice gradD, StatSums stats) {
        int n = batch.rows();
        generateRows(gParams, batch, dropout);
        d.ensureRows(2 * n);
        discriminatorInput(batch.real(), batch.labels(), n, 0);
        discriminatorInput(g.output(), batch.labels(), n, n);
        d.forward(dParams, new Batch(2 * n, n), dropout);
        DiscriminatorRows rows = rows(batch, 2 * n, n);
        headsForward(dParams, rows);
        float[] logits = d.output();
        float[] dOut = d.outputGrad();
        Loss loss = spec.loss();
        for (int i = 0; i < 2 * n; i++) {
            boolean isReal = i < n;
            float target = isReal ? spec.realLabel() : 0f;
            float z = logits[i];
            stats.add(STAT_LOSS, loss.value(z, target));
            dOut[i] = loss.gradient(z, target);
            float prob = Activation.sigmoid(z);
            if (isReal) {
                stats.add(STAT_D_REAL, prob);
                stats.add(STAT_CORRECT, prob > 0.5f ? 1 : 0);
            } else {
                stats.add(STAT_D_FAKE, prob);
                stats.add(STAT_CORRECT, prob < 0.5f ? 1 : 0);
            }
        }
        stats.add(STAT_REAL_COUNT, n);
        stats.add(STAT_FAKE_COUNT, n);
        d.backward(dParams, gradD.array(), gradD.offset(), false, headsBackward(dParams, rows, gradD));
    }

    /**
     * G step: G's images go through D (dropout on, weights frozen) with the generator's target; the
     * error flows back through D into G, whose gradient sums go to {@code gradG}. D's parameter
     * gradients are not even computed.
     */
    public void generatorGradient(float[] gParams, float[] dParams, Minibatch batch, RandomGenerator dropout,
                                  ParamSlice gradG, StatSums stats) {
        throughDiscriminator(gParams, dParams, batch, dropout, null, gradG, stats);
    }

    /**
     * The chain step: as the G step, but D's parameter gradients of the same loss are summed too, into
     * {@code grad[0, pD)}, and G's into {@code grad[pD, pD + pG)}.
     */
    public void chainGradient(float[] gParams, float[] dParams, Minibatch batch, RandomGenerator dropout, float[] grad,
                              StatSums stats) {
        throughDiscriminator(gParams, dParams, batch, dropout, new ParamSlice(grad, 0),
                new ParamSlice(grad, spec.discriminatorParams()), stats);
    }

    private void throughDiscriminator(float[] gParams, float[] dParams, Minibatch batch, RandomGenerator dropout,
                                      ParamSlice gradD, ParamSlice gradG, StatSums stats) {
        int n = batch.rows();
        generateRows(gParams, batch, dropout);
        d.ensureRows(n);
        discriminatorInput(g.output(), batch.labels(), n, 0);
        d.forward(dParams, n, dropout);
        DiscriminatorRows rows = rows(batch, n, 0);
        headsForward(dParams, rows);
        scoreForGenerator(n, stats);
        d.backward(dParams, gradD == null ? null : gradD.array(), gradD == null ? 0 : gradD.offset(), true,
                headsBackward(dParams, rows, gradD));
        // dLoss/dImage: the image columns of D's input gradient (the label columns are constants).
        int px = spec.imagePixels();
        int width = px + spec.classes();
        if (spec.classes() == 0) {
            System.arraycopy(d.inputGrad(), 0, g.outputGrad(), 0, n * px);
        } else {
            for (int r = 0; r < n; r++) {
                System.arraycopy(d.inputGrad(), r * width, g.outputGrad(), r * px, px);
            }
        }
        g.backward(gParams, gradG.array(), gradG.offset(), false);
    }

    /** G's loss on D's logits of its fakes, and dLoss/dLogit in D's output gradient. */
    private void scoreForGenerator(int n, StatSums stats) {
        float[] logits = d.output();
        float[] dOut = d.outputGrad();
        Loss loss = spec.loss();
        for (int i = 0; i < n; i++) {
            float z = logits[i];
            if (spec.minimax()) {
                // G minimises log(1 - D(G(z))) = -loss(z, 0).
                stats.add(STAT_LOSS, -loss.value(z, 0f));
                dOut[i] = -loss.gradient(z, 0f);
            } else {
                stats.add(STAT_LOSS, loss.value(z, 1f));
                dOut[i] = loss.gradient(z, 1f);
            }
            float prob = Activation.sigmoid(z);
            stats.add(STAT_D_FAKE, prob);
            stats.add(STAT_CORRECT, prob < 0.5f ? 1 : 0);
        }
        stats.add(STAT_FAKE_COUNT, n);
    }

    /** G's images of the batch's noise (and labels or codes), in training mode, in {@code g.output()}. */
    private void generateRows(float[] gParams, Minibatch batch, RandomGenerator dropout) {
        g.ensureRows(batch.rows());
        generatorInput(batch.noise(), batch.generatorOneHot(), batch.rows());
        g.forward(gParams, batch.rows(), dropout);
    }

    /** D's rows as its heads see them; the fakes start at row {@code firstFake}. */
    private DiscriminatorRows rows(Minibatch batch, int rows, int firstFake) {
        int n = batch.rows();
        FakeCodes fakes = batch.codes() == null ? null
                : new FakeCodes(batch.codes(), batch.noise(), spec.noiseDim(), firstFake, n, (float) rows / n);
        return new DiscriminatorRows(d.features(), d.featureWidth(), rows, n, batch.labels(), fakes);
    }

    private void headsForward(float[] dParams, DiscriminatorRows rows) {
        for (int i = 0; i < heads.size(); i++) {
            heads.get(i).forward(new ParamSlice(dParams, spec.headOffset(i)), rows, d.output());
        }
    }

    /**
     * The heads' backward passes given dLoss/dLogit in D's output gradient: their parameter gradients
     * into {@code gradD} (null: D frozen); returns the sum of their dLoss/dFeatures, null without heads.
     */
    private float[] headsBackward(float[] dParams, DiscriminatorRows rows, ParamSlice gradD) {
        if (heads.isEmpty()) {
            return null;
        }
        int len = rows.rows() * rows.width();
        if (featureGrad.length < len) {
            featureGrad = new float[len];
        }
        Arrays.fill(featureGrad, 0, len, 0f);
        for (int i = 0; i < heads.size(); i++) {
            ParamSlice gradient = gradD == null ? null : gradD.shift(spec.headOffset(i));
            heads.get(i).backward(new ParamSlice(dParams, spec.headOffset(i)), rows, d.outputGrad(), gradient, featureGrad);
        }
        return featureGrad;
    }

    /** G's input rows: noise, then the one-hot label (conditional) or code (InfoGAN). */
    private void generatorInput(float[] noiseRows, int[] oneHot, int n) {
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
            Arrays.fill(in, r * w + nz, r * w + w, 0f);
            in[r * w + nz + oneHot[r]] = 1f;
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
            Arrays.fill(in, at + px, at + w, 0f);
            in[at + px + labels[r]] = 1f;
        }
    }

    /** Runs G in inference mode on {@code n} noise vectors (and labels or codes); images into {@code out}. */
    public void generate(float[] gParams, float[] noiseRows, int[] oneHot, int n, float[] out) {
        g.ensureRows(n);
        generatorInput(noiseRows, oneHot, n);
        g.forward(gParams, n, null);
        System.arraycopy(g.output(), 0, out, 0, n * spec.imagePixels());
    }
}
