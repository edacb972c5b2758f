package sparkgan.train;

/**
 * Training produced a value that is not a finite number (a loss, a gradient or a weight). The
 * trainer throws it before the bad values reach the weights it keeps or any file; the command line
 * prints its one-line message and exits with {@code EXIT_DIVERGED}.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long iteration;

    public TrainingDivergedException(long iteration, String what) {
        super("training diverged at iteration " + iteration + ": " + what);
        this.iteration = iteration;
    }

    private TrainingDivergedException(String message, long iteration) {
        super(message);
        this.iteration = iteration;
    }

    /** The same failure with what the caller knows added (such as the last good checkpoint). */
    public TrainingDivergedException withContext(String more) {
        return new TrainingDivergedException(getMessage() + "; " + more, iteration);
    }

    public long iteration() {
        return iteration;
    }
}
