package sparkgan.run;

/** The names of what a training run leaves in its directory, and the exit code of a stopped run. */
public final class RunDirectory {
    public static final String MODEL_FILE = "model.sgan";
    public static final String CONFIG_FILE = "config.properties";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String EVAL_FILE = "eval.csv";
    /** Exit code of a run stopped by a signal (after its checkpoint). */
    public static final int EXIT_INTERRUPTED = 130;

    private RunDirectory() {
    }
}
