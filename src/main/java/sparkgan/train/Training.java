package sparkgan.train;

import java.util.ArrayList;
import java.util.List;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;

/**
 * Training as a library call: a configuration and a {@link GradientEngine} over the data, a
 * {@link TrainingState} in, the state trained in place, listeners told of every iteration (metrics,
 * progress, samples, checkpoints, evaluation: whatever the caller plugs in). The {@code train}
 * command, {@code bench} and the Spark ML estimator all train through it; it knows nothing of Spark,
 * files or the command line.
 *
 * <pre>{@code
 * GanConfig config = GanConfig.defaults().withPreset("mlp");
 * try (GradientEngine engine = Engines.spark(sc, GanSpec.from(config), data, settings)) {
 *     Training training = Training.of(config, engine).listen((m, s) -> log(m));
 *     TrainingState state = training.initialState();
 *     training.fit(state);
 * }
 * }</pre>
 */
public final class Training {
    /** How a {@link #fit} ended. */
    public enum Outcome {
        /** The state reached train.steps (or the requested iteration). */
        FINISHED,
        /** train.maxSeconds of training time had passed. */
        TIME_BUDGET,
        /** {@link #requestStop} was called (a signal handler, a user). */
        STOPPED
    }

    private final GanConfig config;
    private final GanSpec spec;
    private final TrainSettings settings;
    private final GanTrainer trainer;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Training(GanConfig config, GanSpec spec, TrainSettings settings, GradientEngine engine) {
        this.config = config;
        this.spec = spec;
        this.settings = settings;
        this.trainer = new GanTrainer(spec, settings, engine);
    }

    /** Training as {@code config} describes it, on {@code engine} (which must hold the data for this spec). */
    public static Training of(GanConfig config, GradientEngine engine) {
        GanSpec spec = GanSpec.from(config);
        if (!spec.equals(engine.spec())) {
            throw new IllegalArgumentException("the engine computes another GAN than the configuration describes: "
                    + engine.spec() + " vs " + spec);
        }
        return new Training(config, spec, TrainSettings.from(config), engine);
    }

    /** Adds a listener, called on the driver after every iteration in the order added. */
    public Training listen(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    public GanSpec spec() {
        return spec;
    }

    public TrainSettings settings() {
        return settings;
    }

    /** Fresh weights and optimizers from the configuration's seed. */
    public TrainingState initialState() {
        return TrainingState.initial(spec, config, settings.seed());
    }

    /** Trains {@code state} up to train.steps. */
    public Outcome fit(TrainingState state) {
        return fit(state, settings.steps(), 0.0);
    }

    /**
     * Trains {@code state} up to iteration {@code until}, or until the time budget or a stop request.
     *
     * @param elapsedBefore training seconds spent by earlier sessions of a resumed run (they count
     *     against train.maxSeconds and keep elapsed_seconds growing)
     */
    public Outcome fit(TrainingState state, long until, double elapsedBefore) {
        trainer.run(state, until, this::notifyListeners, elapsedBefore);
        if (trainer.timeBudgetReached()) {
            return Outcome.TIME_BUDGET;
        }
        return state.iteration() < until ? Outcome.STOPPED : Outcome.FINISHED;
    }

    private void notifyListeners(IterationMetrics metrics, TrainingState state) {
        for (TrainingListener listener : listeners) {
            listener.onIteration(metrics, state);
        }
    }

    /** Asks a running {@link #fit} to stop after the current iteration; safe from any thread. */
    public void requestStop() {
        trainer.requestStop();
    }

    /** Where the time of the synchronisations went. */
    public StepProfile profile() {
        return trainer.profile();
    }
}
