package sparkgan.train;

import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Optimizer;
import sparkgan.gan.Phase;
import sparkgan.gan.SlicePlan;
import sparkgan.gan.StepRequest;
import sparkgan.gan.StepStats;
import sparkgan.math.FixedPointSum;

/**
 * The training loop, in the spirit of the short loops of the PyTorch examples: per iteration, k D
 * steps then one G step, each a distributed gradient followed by an optimizer update on the driver.
 * It knows nothing of Spark: the {@link GradientEngine} does the distributed part.
 */
public final class GanTrainer {
    private final GanSpec spec;
    private final TrainSettings settings;
    private final GradientEngine engine;
    private final SlicePlan plan;
    private final SlicePlan gPlan;
    /** The chain's throw-away copy of D (train.chainD = trained-copy): one object, so its version keeps counting. */
    private Weights dCopy;
    private volatile boolean stopRequested;
    private boolean timeBudgetReached;
    private final StepProfile profile = new StepProfile();
    /** The mean gradients the optimizers take, reused from step to step. */
    private final float[] gradD;
    private final float[] gradG;

    public GanTrainer(GanSpec spec, TrainSettings settings, GradientEngine engine) {
        this.spec = spec;
        this.settings = settings;
        this.engine = engine;
        this.plan = new SlicePlan(engine.partitionSizes(), settings.batch());
        this.gradD = new float[spec.discriminatorParams()];
        this.gradG = new float[spec.generator().paramCount()];
        this.gPlan = settings.gBatch() == settings.batch() ? plan : new SlicePlan(engine.partitionSizes(), settings.gBatch());
        sparkgan.config.ConfigRules.checkNoiseBank(settings.noiseBank(), plan.partitions());
    }

    /** Where the time of the synchronisations went (accumulated over all runs of this trainer). */
    public StepProfile profile() {
        return profile;
    }

    public SlicePlan plan() {
        return plan;
    }

    /** Asks the loop to stop after the current iteration (for signal handlers). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * The G steps of iteration {@code it}: G(z) through D with the generator's target, G updated. With
     * train.chainD = trained-copy, as in DeepLearnToolbox's chain network, a copy of D (with a fresh
     * optimizer) is trained along with G on the same loss during these steps and dropped after them;
     * otherwise D is frozen. Returns the last step's sums.
     */
    private FixedPointSum generatorSteps(TrainingState state, long it, float[] gradG, float[] gradD) {
        int pD = spec.discriminatorParams();
        int pG = spec.generator().paramCount();
        Weights dForG = state.discriminatorForward();
        Optimizer copyOptimizer = null;
        if (settings.chainTrainsDCopy()) {
            if (dCopy == null) {
                dCopy = new Weights("D.chain", new float[pD]);
            }
            System.arraycopy(state.discriminator().values(), 0, dCopy.values(), 0, pD);
            dCopy.changed();
            dForG = dCopy;
            copyOptimizer = state.discriminatorOptimizer().fresh();
        }
        Phase phase = settings.chainTrainsDCopy() ? Phase.CHAIN : Phase.GENERATOR;
        int gOffset = settings.chainTrainsDCopy() ? pD : 0;
        FixedPointSum sums = null;
        for (int j = 0; j < settings.gSteps(); j++) {
            long cursor = (it - 1) * settings.gSteps() + j;
            long e0 = System.nanoTime();
            sums = engine.compute(new StepRequest(phase, settings.seed(), it, j, cursor, gPlan, settings.noiseBank(), settings.transfer()),
                    state.generator(), dForG);
            long e1 = System.nanoTime();
            requireFinite(sums, it, "G step " + (j + 1));
            sums.scaledTo(gOffset, pG, 1.0 / gPlan.batch(), gradG, 0);
            updateGenerator(state);
            if (copyOptimizer != null) {
                sums.scaledTo(0, pD, 1.0 / gPlan.batch(), gradD, 0);
                spec.discriminator().takeStatistics(dCopy.values(), gradD);
                copyOptimizer.step(dCopy.values(), gradD);
                dCopy.changed();
            }
            profile.addSync(e1 - e0, engine.lastBroadcastNanos(), engine.lastFetchNanos(), sums.maxComputeNanos(), sums.totalComputeNanos(),
                    System.nanoTime() - e1);
        }
        averageGenerator(state);
        return sums;
    }

    /** D's optimizer step from the mean gradient in gradD, after its layers took their statistics from it. */
    private void updateDiscriminator(TrainingState state) {
        spec.discriminator().takeStatistics(state.discriminator().values(), gradD);
        state.updateDiscriminator(gradD);
    }

    /** G's optimizer step from the mean gradient in gradG, after its layers took their statistics from it. */
    private void updateGenerator(TrainingState state) {
        spec.generator().takeStatistics(state.generator().values(), gradG);
        state.updateGenerator(gradG);
    }

    private static void averageGenerator(TrainingState state) {
        if (state.generatorAverage() != null) {
            state.generatorAverage().update(state.generator().values(), state.iteration());
        }
    }

    /**
     * A step whose loss or gradient held NaN, an infinity or a value beyond the exact sum's range ends
     * training here, before the optimizer touches the weights.
     */
    private static void requireFinite(FixedPointSum sums, long it, String step) {
        if (sums.unrepresentable() > 0) {
            throw new TrainingDivergedException(it, "the " + step + " gave " + sums.unrepresentable()
                    + " loss or gradient values that are NaN, infinite or beyond +-1.3e8; its update was not applied");
        }
    }

    /** Whether the last run ended because train.maxSeconds of (total) training time had passed. */
    public boolean timeBudgetReached() {
        return timeBudgetReached;
    }

    /** Trains until {@code state.iteration() == untilStep} or a stop is requested. */
    public void run(TrainingState state, long untilStep, TrainingListener listener) {
        run(state, untilStep, listener, 0.0);
    }

    /**
     * As {@link #run(TrainingState, long, TrainingListener)}, with the wall time already spent by
     * earlier sessions of a resumed run, so that elapsed_seconds keeps growing across a resume.
     */
    public void run(TrainingState state, long untilStep, TrainingListener listener, double elapsedBefore) {
        long started = System.nanoTime() - (long) (elapsedBefore * 1e9);
        long budgetNanos = settings.maxSeconds() > 0 ? settings.maxSeconds() * 1_000_000_000L : Long.MAX_VALUE;
        timeBudgetReached = false;
        while (state.iteration() < untilStep && !stopRequested) {
            if (System.nanoTime() - started >= budgetNanos) {
                timeBudgetReached = true;
                break;
            }
            long t0 = System.nanoTime();
            long it = state.iteration() + 1;
            double lrFactor = settings.lrSchedule().factor(it);
            state.discriminatorOptimizer().scaleLearningRate(lrFactor);
            state.generatorOptimizer().scaleLearningRate(lrFactor);
            StepStats[] dg = settings.simultaneous() ? simultaneousStep(state, it) : alternatingSteps(state, it);
            state.advance();
            long t1 = System.nanoTime();
            StepStats d = dg[0];
            IterationMetrics m = new IterationMetrics(it, d.discriminatorLoss(), dg[1].generatorLoss(),
                    new IterationMetrics.DOutputs(d.meanDReal(), d.meanDFake(), d.accuracy()), (t1 - t0) / 1e9, (t1 - started) / 1e9);
            if (listener != null) {
                listener.onIteration(m, state);
            }
        }
    }

    /** One sync: both gradients from the same weights, both networks updated together. Returns D's and G's statistics. */
    private StepStats[] simultaneousStep(TrainingState state, long it) {
        int pD = spec.discriminatorParams();
        int pG = spec.generator().paramCount();
        long e0 = System.nanoTime();
        FixedPointSum both = engine.compute(new StepRequest(Phase.BOTH, settings.seed(), it, 0, it - 1, plan, 0, settings.transfer()),
                state.generator(), state.discriminatorForward());
        long e1 = System.nanoTime();
        requireFinite(both, it, "simultaneous step");
        both.scaledTo(0, pD, 1.0 / (2.0 * plan.batch()), gradD, 0);
        both.scaledTo(pD, pG, 1.0 / plan.batch(), gradG, 0);
        updateDiscriminator(state);
        updateGenerator(state);
        averageGenerator(state);
        profile.addSync(e1 - e0, engine.lastBroadcastNanos(), engine.lastFetchNanos(), both.maxComputeNanos(), both.totalComputeNanos(), System.nanoTime() - e1);
        return new StepStats[] {StepStats.of(both, pD + pG), StepStats.of(both, pD + pG + GanKernel.STATS)};
    }

    /** train.dSteps D steps, then the G steps through the updated D. Returns the last D step's and the last G step's statistics. */
    private StepStats[] alternatingSteps(TrainingState state, long it) {
        int pD = spec.discriminatorParams();
        int pG = spec.generator().paramCount();
        int k = settings.dSteps();
        FixedPointSum dSums = null;
        for (int j = 0; j < k; j++) {
            long cursor = (it - 1) * k + j;
            long e0 = System.nanoTime();
            dSums = engine.compute(new StepRequest(Phase.DISCRIMINATOR, settings.seed(), it, j, cursor, plan, settings.noiseBank(), settings.transfer()),
                    state.generator(), state.discriminatorForward());
            long e1 = System.nanoTime();
            requireFinite(dSums, it, "D step " + (j + 1));
            // Mean over the 2*batch images (batch real + batch fake) the D step saw.
            dSums.scaledTo(0, pD, 1.0 / (2.0 * plan.batch()), gradD, 0);
            updateDiscriminator(state);
            profile.addSync(e1 - e0, engine.lastBroadcastNanos(), engine.lastFetchNanos(), dSums.maxComputeNanos(), dSums.totalComputeNanos(),
                    System.nanoTime() - e1);
        }
        FixedPointSum gSums = generatorSteps(state, it, gradG, gradD);
        return new StepStats[] {StepStats.of(dSums, pD), StepStats.of(gSums, settings.chainTrainsDCopy() ? pD + pG : pG)};
    }
}
