package sparkgan.train;

import sparkgan.gan.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Optimizer;
import sparkgan.math.RandomStreams;

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
        return new TrainingState(new Weights("G", g), new Weights("D", d),
                Optimizer.from(config, "g.", spec.generator().weightMask()),
                Optimizer.from(config, "d.", spec.discriminatorWeightMask()), 0,
                config.getFloat("g.ema", 0f, 1f, false, true));
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
