package sparkgan.train;

import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Optimizer;
import sparkgan.math.RandomStreams;
import sparkgan.nn.SpectralNorm;

/**
 * Everything that determines the rest of a run: the completed iteration, both networks and both
 * optimizers. The random streams need no state of their own: they are keyed by (seed, step, ...),
 * so restoring this is enough to continue bit-identically.
 */
public final class TrainingState {
    private final Weights generator;
    private final Weights discriminator;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private final GeneratorAverage generatorAverage;
    /** With d.spectralNorm: the normalisation, and the normalised D that the kernels are given. */
    private SpectralNorm spectralNorm;
    private Weights discriminatorSeen;
    private long iteration;

    /** With an average of G's weights when {@code emaDecay > 0} (see {@link GeneratorAverage}). */
    public TrainingState(Weights generator, Weights discriminator, Optimizer gOpt, Optimizer dOpt, long iteration, float emaDecay) {
        this.generatorAverage = emaDecay > 0f ? new GeneratorAverage(emaDecay, generator.values()) : null;
        this.generator = generator;
        this.discriminator = discriminator;
        this.generatorOptimizer = gOpt;
        this.discriminatorOptimizer = dOpt;
        this.iteration = iteration;
    }

    /** Fresh weights from the seed's INIT streams. */
    public static TrainingState initial(GanSpec spec, GanConfig config, long seed) {
        float[] g = spec.generator().initialParams(RandomStreams.stream(seed, 0, 0, 0, RandomStreams.Purpose.INIT));
        float[] d = spec.initialDiscriminator(RandomStreams.stream(seed, 0, 1, 0, RandomStreams.Purpose.INIT));
        TrainingState state = new TrainingState(new Weights("G", g), new Weights("D", d),
                Optimizer.from(config, GanParams.G_OPT, spec.generator().weightMask()),
                Optimizer.from(config, GanParams.D_OPT, spec.discriminatorWeightMask()), 0,
                config.get(GanParams.G_EMA));
        if (config.get(GanParams.D_SPECTRAL_NORM)) {
            SpectralNorm sn = new SpectralNorm(spec.discriminator());
            sn.initialise(RandomStreams.stream(seed, 0, 2, 0, RandomStreams.Purpose.INIT));
            state.useSpectralNorm(sn);
            state.discriminatorUpdated();
        }
        return state;
    }

    private void useSpectralNorm(SpectralNorm sn) {
        this.spectralNorm = sn;
        this.discriminatorSeen = new Weights("D.sn", new float[discriminator.values().length]);
    }

    /** The spectral normalisation of D, or null when d.spectralNorm is off. */
    public SpectralNorm spectralNorm() {
        return spectralNorm;
    }

    /** The D that gradients are computed with: D itself, or its spectrally normalised version. */
    public Weights discriminatorForward() {
        return spectralNorm != null ? discriminatorSeen : discriminator;
    }

    /**
     * The one way D changes in training: {@code grad} is the mean gradient with respect to
     * {@link #discriminatorForward()} (it is turned into one with respect to D in place), the optimizer
     * steps, and the normalised copy follows.
     */
    public void updateDiscriminator(float[] grad) {
        discriminatorGradientToRaw(grad);
        discriminatorOptimizer.step(discriminator.values(), grad);
        discriminatorUpdated();
    }

    /** G's optimizer step from its mean gradient (which it may modify). */
    public void updateGenerator(float[] grad) {
        generatorOptimizer.step(generator.values(), grad);
        generator.changed();
    }

    /** Turns a gradient with respect to {@link #discriminatorForward()} into one with respect to D, in place. */
    private void discriminatorGradientToRaw(float[] grad) {
        if (spectralNorm != null) {
            spectralNorm.backward(discriminatorSeen.values(), grad);
        }
    }

    /** After D's values changed: one power iteration and a fresh normalised copy, when normalising. */
    private void discriminatorUpdated() {
        discriminator.changed();
        if (spectralNorm != null) {
            spectralNorm.powerIteration(discriminator.values());
            spectralNorm.normalise(discriminator.values(), discriminatorSeen.values());
            discriminatorSeen.changed();
        }
    }

    /** After a checkpoint's D and singular vectors were copied in: the same normalised D as when it was written. */
    public void discriminatorRestored() {
        discriminator.changed();
        if (spectralNorm != null) {
            spectralNorm.measure(discriminator.values());
            spectralNorm.normalise(discriminator.values(), discriminatorSeen.values());
            discriminatorSeen.changed();
        }
    }

    public Weights generator() {
        return generator;
    }

    public Weights discriminator() {
        return discriminator;
    }

    /** The moving average of G's weights, or null when g.ema = 0. */
    public GeneratorAverage generatorAverage() {
        return generatorAverage;
    }

    /** The weights to draw samples from: the average when there is one, else G itself. */
    public float[] samplingGenerator() {
        return generatorAverage != null ? generatorAverage.weights().values() : generator.values();
    }

    public Optimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    public Optimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    /** Iterations completed. */
    public long iteration() {
        return iteration;
    }

    /** After restoring weights and optimizer state from a checkpoint of this iteration. */
    public void restoreIteration(long completed) {
        this.iteration = completed;
    }

    void advance() {
        iteration++;
    }
}
