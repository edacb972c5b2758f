package sparkgan.run;

import java.util.Map;
import sparkgan.io.Checkpoints;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingListener;
import sparkgan.train.TrainingState;

/**
 * Checkpoints every out.checkpointEvery iterations and every out.checkpointSeconds of wall time, the
 * first timed one soon (after min(10, that) seconds) so that a run killed early still resumes. Each
 * carries the run's configuration and lineage; the metrics are written first, so that they cover at
 * least the checkpoint.
 */
final class CheckpointSchedule implements TrainingListener {
    static final int FIRST_CHECKPOINT_SECONDS = 10;
    private final Checkpoints checkpoints;
    private final TrainSettings settings;
    private final Map<String, String> config;
    private final Map<String, String> lineage;
    private final MetricsLog metrics;
    /** When the next checkpoint is due by wall time (System.nanoTime), or Long.MAX_VALUE when off. */
    private long dueNanos;

    CheckpointSchedule(String outDir, TrainSettings settings, Map<String, String> config, Map<String, String> lineage,
                       MetricsLog metrics) {
        this.checkpoints = new Checkpoints(outDir, settings.keepCheckpoints());
        this.settings = settings;
        this.config = config;
        this.lineage = lineage;
        this.metrics = metrics;
        this.dueNanos = settings.checkpointSeconds() > 0
                ? System.nanoTime() + Math.min(FIRST_CHECKPOINT_SECONDS, settings.checkpointSeconds()) * 1_000_000_000L
                : Long.MAX_VALUE;
    }

    @Override
    public void onIteration(IterationMetrics m, TrainingState state) {
        boolean byCount = settings.checkpointEvery() > 0 && m.step() % settings.checkpointEvery() == 0;
        if ((byCount || System.nanoTime() >= dueNanos) && m.step() != settings.steps()) {
            write(state);
        }
    }

    /** Writes a checkpoint of the state now; returns its location. */
    String write(TrainingState state) {
        metrics.flush();
        String uri = checkpoints.write(state, config, lineage);
        if (settings.checkpointSeconds() > 0) {
            dueNanos = System.nanoTime() + settings.checkpointSeconds() * 1_000_000_000L;
        }
        return uri;
    }

    Map<String, String> config() {
        return config;
    }

    Map<String, String> lineage() {
        return lineage;
    }
}
