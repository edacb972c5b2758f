package sparkgan.run;

import java.util.ArrayList;
import java.util.List;
import sparkgan.report.MetricsCsv;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingListener;
import sparkgan.train.TrainingState;

/**
 * The run's metrics: every iteration into metrics.csv (written out every out.logEvery iterations, at
 * the last, and before each checkpoint) and into the rows the report plots, a resumed run's earlier
 * rows first.
 */
final class MetricsLog implements TrainingListener {
    private final MetricsCsv csv;
    private final TrainSettings settings;
    private final List<IterationMetrics> rows = new ArrayList<>();

    MetricsLog(MetricsCsv csv, List<IterationMetrics> previous, TrainSettings settings) {
        this.csv = csv;
        this.settings = settings;
        rows.addAll(previous);
    }

    @Override
    public void onIteration(IterationMetrics m, TrainingState state) {
        csv.add(m);
        rows.add(m);
        if (m.step() % settings.logEvery() == 0 || m.step() == settings.steps()) {
            csv.flush();
        }
    }

    void flush() {
        csv.flush();
    }

    List<IterationMetrics> rows() {
        return rows;
    }

    /** The newest row, or null before the first iteration. */
    IterationMetrics last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }
}
