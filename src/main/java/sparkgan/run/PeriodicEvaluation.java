package sparkgan.run;

import java.io.PrintStream;
import java.util.Locale;
import sparkgan.eval.QualityProbe;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.report.EvaluationCsv;
import sparkgan.train.TrainSettings;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainingListener;
import sparkgan.train.TrainingState;

/**
 * Judges the generator every {@code eval.every} iterations on {@code eval.samples} fresh samples and
 * logs it beside the losses (eval.csv, a line on stdout, plots in the report), so that mode collapse
 * shows when it happens rather than at the end. Its time is part of the run's wall time.
 */
final class PeriodicEvaluation implements TrainingListener {
    /** The eval.* keys, checked; null when eval.every = 0. */
    record Setup(int every, int samples, String data, String dataOrigin, String classifierCache) {
        static Setup from(GanConfig c, TrainSettings settings) {
            int every = c.get(GanParams.EVAL_EVERY);
            if (every == 0) {
                return null;
            }
            String data = c.get(GanParams.EVAL_DATA);
            String origin = "config key 'eval.data' =";
            if (data.isBlank()) {
                data = settings.dataUri();
                origin = "--data";
            }
            return new Setup(every, c.get(GanParams.EVAL_SAMPLES), data, origin, c.get(GanParams.EVAL_CLASSIFIER_CACHE));
        }
    }

    private final QualityProbe probe;
    private final GanSpec spec;
    private final int every;
    private final int samples;
    private final long seed;
    private final EvaluationCsv csv;
    private final PrintStream out;

    PeriodicEvaluation(QualityProbe probe, GanSpec spec, int every, int samples, long seed, EvaluationCsv csv, PrintStream out) {
        this.probe = probe;
        this.spec = spec;
        this.every = every;
        this.samples = samples;
        this.seed = seed;
        this.csv = csv;
        this.out = out;
    }

    EvaluationCsv csv() {
        return csv;
    }

    @Override
    public void onIteration(IterationMetrics m, TrainingState state) {
        if (m.step() % every == 0) {
            run(state, m.step(), m.elapsedSeconds());
        }
    }

    void run(TrainingState state, long step, double elapsedSeconds) {
        long t0 = System.nanoTime();
        int[] askedFor = spec.conditional() ? Sampler.cyclingLabels(samples, spec.classes()) : null;
        // A fixed seed (not the run's noise): the same noise at every evaluation, so changes are G's.
        float[] images = Sampler.sample(spec, state.samplingGenerator(), samples, seed, askedFor);
        QualityProbe.Quality q = probe.measure(images, samples, askedFor);
        double seconds = (System.nanoTime() - t0) / 1e9;
        csv.add(EvaluationCsv.Row.of(step, elapsedSeconds, q, seconds));
        out.printf(Locale.ROOT, "eval at step %d: MNIST score %.2f, Fréchet %.2f, %d classes >= 5%%, KL to uniform %.3f%s (%.1f s)%n",
                step, q.mnistScore(), q.frechetDistance(), q.classesAtLeast5Percent(), q.klToUniform(),
                Double.isNaN(q.classifiedAsAsked()) ? "" : String.format(Locale.ROOT, ", %.1f %% as asked", 100 * q.classifiedAsAsked()),
                seconds);
    }
}
