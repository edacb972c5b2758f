package sparkgan.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.Checkpoints;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.report.Charts;
import sparkgan.report.HtmlReport;
import sparkgan.report.MetricsCsv;
import sparkgan.report.ProgressReporter;
import sparkgan.report.SampleImages;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingListener;
import sparkgan.train.TrainingState;

/**
 * Everything a run leaves in its output directory, driven by the trainer's per-iteration callback:
 * metrics.csv, progress, sample grids from a fixed noise batch, checkpoints (every out.checkpointEvery
 * iterations and every out.checkpointSeconds of wall time), and at the end the model, plots and
 * report.html. Checkpoints and the model carry the run's lineage (the data it was trained on).
 */
final class RunRecorder implements TrainingListener, AutoCloseable {
    static final int FIRST_CHECKPOINT_SECONDS = 10;
    private final String outDir;
    private final GanSpec spec;
    private final TrainSettings settings;
    private final Map<String, String> config;
    private final MetricsCsv metrics;
    private final Checkpoints checkpoints;
    private final ProgressReporter progress;
    private final List<IterationMetrics> rows = new ArrayList<>();
    private final PeriodicEvaluation evaluation;
    private final Map<String, String> lineage;
    private long lastCheckpoint = -1;
    /** When the next checkpoint is due by wall time (System.nanoTime), or Long.MAX_VALUE when off. */
    private long checkpointDueNanos;

    RunRecorder(String outDir, GanSpec spec, TrainSettings settings, Map<String, String> config, Map<String, String> lineage,
                MetricsCsv metrics, List<IterationMetrics> previousRows, long startStep, PeriodicEvaluation evaluation) {
        this.evaluation = evaluation;
        this.lineage = lineage;
        // The first timed checkpoint comes soon (a run killed early still resumes), then one per period.
        this.checkpointDueNanos = settings.checkpointSeconds() > 0
                ? System.nanoTime() + Math.min(FIRST_CHECKPOINT_SECONDS, settings.checkpointSeconds()) * 1_000_000_000L
                : Long.MAX_VALUE;
        this.outDir = outDir;
        this.spec = spec;
        this.settings = settings;
        this.config = config;
        this.metrics = metrics;
        this.checkpoints = new Checkpoints(outDir, settings.keepCheckpoints());
        this.rows.addAll(previousRows);
        this.progress = new ProgressReporter(startStep, settings.steps(), settings.batch(), settings.logEvery(), System.out,
                ProgressReporter.stdoutIsTerminal()).withTimeBudget(settings.maxSeconds());
    }

    String samplesDir() {
        return HadoopFiles.child(outDir, "samples");
    }

    @Override
    public void onIteration(IterationMetrics m, TrainingState state) {
        metrics.add(m);
        rows.add(m);
        progress.update(m);
        boolean last = m.step() == settings.steps();
        if (m.step() % settings.logEvery() == 0 || last) {
            metrics.flush();
        }
        if (settings.sampleEvery() > 0 && m.step() % settings.sampleEvery() == 0 && !last) {
            writeSamples(state, HadoopFiles.child(samplesDir(), String.format("step-%07d.png", m.step())));
        }
        if (evaluation != null && evaluation.due(m.step())) {
            evaluation.run(state, m.step(), m.elapsedSeconds());
        }
        boolean byCount = settings.checkpointEvery() > 0 && m.step() % settings.checkpointEvery() == 0;
        if ((byCount || System.nanoTime() >= checkpointDueNanos) && !last) {
            checkpoint(state);
        }
    }

    /** Writes a checkpoint of the state (metrics first, so they cover at least the checkpoint). */
    String checkpoint(TrainingState state) {
        metrics.flush();
        lastCheckpoint = state.iteration();
        String uri = checkpoints.write(state, config, lineage);
        if (settings.checkpointSeconds() > 0) {
            checkpointDueNanos = System.nanoTime() + settings.checkpointSeconds() * 1_000_000_000L;
        }
        return uri;
    }

    long lastCheckpoint() {
        return lastCheckpoint;
    }

    /** End of a completed run: final checkpoint, model, samples, plots and report. */
    String finish(TrainingState state, Map<String, String> facts) {
        metrics.flush();
        List<sparkgan.report.EvaluationCsv.Row> evals = evaluation == null ? List.of() : evaluation.csv().rows();
        if (evaluation != null && !rows.isEmpty() && (evals.isEmpty() || evals.get(evals.size() - 1).step() != state.iteration())) {
            evaluation.run(state, state.iteration(), rows.get(rows.size() - 1).elapsedSeconds());
        }
        checkpoint(state);
        String finalPng = HadoopFiles.child(samplesDir(), "final.png");
        writeSamples(state, finalPng);
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        tensors.put("G", state.generator().values());
        tensors.put("D", state.discriminator().values());
        Checkpoints.putAverage(state, tensors);
        Checkpoints.requireFinite(tensors, state.iteration());
        new ModelFile("model", state.iteration(), config, tensors).withLineage(lineage)
                .write(HadoopFiles.child(outDir, TrainCommand.MODEL_FILE));
        writeReport(facts);
        return finalPng;
    }

    void writeReport(Map<String, String> facts) {
        List<Charts.Plot> plots = new ArrayList<>(Charts.all(rows));
        if (evaluation != null) {
            plots.addAll(Charts.evaluation(evaluation.csv().rows()));
        }
        for (Charts.Plot p : plots) {
            HadoopFiles.writeAtomically(HadoopFiles.child(HadoopFiles.child(outDir, "plots"), p.name() + ".png"), p.png());
        }
        List<HtmlReport.Frame> frames = new ArrayList<>();
        try {
            Path dir = new Path(samplesDir());
            FileStatus[] files = HadoopFiles.fs(dir).exists(dir) ? HadoopFiles.fs(dir).listStatus(dir) : new FileStatus[0];
            java.util.Arrays.sort(files, java.util.Comparator.comparing(f -> f.getPath().getName()));
            for (FileStatus f : files) {
                String name = f.getPath().getName();
                if (name.startsWith("step-") && name.endsWith(".png")) {
                    frames.add(new HtmlReport.Frame("iteration " + Long.parseLong(name.substring(5, name.length() - 4)),
                            HadoopFiles.readAll(f.getPath().toString())));
                }
            }
            String fin = HadoopFiles.child(samplesDir(), "final.png");
            if (HadoopFiles.exists(fin)) {
                frames.add(new HtmlReport.Frame("final (iteration " + (rows.isEmpty() ? 0 : rows.get(rows.size() - 1).step()) + ")",
                        HadoopFiles.readAll(fin)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] html = HtmlReport.render(facts, rows.isEmpty() ? null : rows.get(rows.size() - 1), plots, frames, config);
        HadoopFiles.writeAtomically(HadoopFiles.child(outDir, "report.html"), html);
    }

    private void writeSamples(TrainingState state, String uri) {
        int n = settings.sampleCount();
        int side = (int) Math.round(Math.sqrt(spec.imagePixels()));
        // A fixed noise batch (the run's seed), so frames are comparable over time; a conditional GAN
        // gets fixed labels too, one row per class.
        if (spec.generatorOneHot() > 0) {
            // One row per label (conditional) or per code value (info).
            int rows = spec.generatorOneHot();
            float[] images = Sampler.sample(spec, state.samplingGenerator(), n, settings.seed(), Sampler.rowPerClass(n, rows));
            SampleImages.write(uri, images, n, side, spec.imagePixels() / side, Sampler.rowPerClassColumns(n, rows));
            return;
        }
        float[] images = Sampler.sample(spec, state.samplingGenerator(), n, settings.seed());
        SampleImages.write(uri, images, n, side, spec.imagePixels() / side);
    }

    @Override
    public void close() {
        progress.close();
    }
}
