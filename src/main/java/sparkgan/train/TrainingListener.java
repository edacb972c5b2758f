package sparkgan.train;

/** Called by the trainer on the driver after every iteration (progress, metrics, samples). */
public interface TrainingListener {
    void onIteration(IterationMetrics metrics, TrainingState state);
}
