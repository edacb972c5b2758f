package sparkgan.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import sparkgan.io.Checkpoints;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;
import sparkgan.report.Charts;
import sparkgan.report.EvaluationCsv;
import sparkgan.report.HtmlReport;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainingState;

/**
 * What a run leaves when it ends: after a completed run the last evaluation, a checkpoint, the final
 * samples, the model file, plots and report.html; after a stop the checkpoint and the report so far.
 */
final class RunReport {
    private final String outDir;
    private final MetricsLog metrics;
    private final SampleGrids samples;
    private final CheckpointSchedule checkpoints;
    private final PeriodicEvaluation evaluation;

    /** @param evaluation null when eval.every = 0 */
    RunReport(String outDir, MetricsLog metrics, SampleGrids samples, CheckpointSchedule checkpoints, PeriodicEvaluation evaluation) {
        this.outDir = outDir;
        this.metrics = metrics;
        this.samples = samples;
        this.checkpoints = checkpoints;
        this.evaluation = evaluation;
    }

    /** A completed run (train.steps or the time budget reached): returns the final sample grid's location. */
    String finish(TrainingState state, Map<String, String> facts) {
        metrics.flush();
        List<EvaluationCsv.Row> evals = evaluation == null ? List.of() : evaluation.csv().rows();
        IterationMetrics last = metrics.last();
        if (evaluation != null && last != null && (evals.isEmpty() || evals.get(evals.size() - 1).step() != state.iteration())) {
            evaluation.run(state, state.iteration(), last.elapsedSeconds());
        }
        checkpoints.write(state);
        String finalPng = samples.writeFinal(state);
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        tensors.put("G", state.generator().values());
        tensors.put("D", state.discriminator().values());
        Checkpoints.putAverage(state, tensors);
        Checkpoints.requireFinite(tensors, state.iteration());
        new ModelFile("model", state.iteration(), checkpoints.config(), tensors).withLineage(checkpoints.lineage())
                .write(HadoopFiles.child(outDir, RunDirectory.MODEL_FILE));
        write(facts);
        return finalPng;
    }

    /** A stopped run: a checkpoint to resume from and the report so far; returns the checkpoint's location. */
    String stop(TrainingState state, Map<String, String> facts) {
        String checkpoint = checkpoints.write(state);
        write(facts);
        return checkpoint;
    }

    /** Plots and report.html from the metrics, the evaluations and the sample grids written so far. */
    void write(Map<String, String> facts) {
        List<Charts.Plot> plots = new ArrayList<>(Charts.all(metrics.rows()));
        if (evaluation != null) {
            plots.addAll(Charts.evaluation(evaluation.csv().rows()));
        }
        for (Charts.Plot p : plots) {
            HadoopFiles.writeAtomically(HadoopFiles.child(HadoopFiles.child(outDir, "plots"), p.name() + ".png"), p.png());
        }
        byte[] html = HtmlReport.render(facts, metrics.last(), plots, frames(), checkpoints.config());
        HadoopFiles.writeAtomically(HadoopFiles.child(outDir, "report.html"), html);
    }

    /** The sample grids in iteration order, the final one last. */
    private List<HtmlReport.Frame> frames() {
        List<HtmlReport.Frame> frames = new ArrayList<>();
        try {
            Path dir = new Path(samples.dir());
            FileStatus[] files = HadoopFiles.fs(dir).exists(dir) ? HadoopFiles.fs(dir).listStatus(dir) : new FileStatus[0];
            java.util.Arrays.sort(files, java.util.Comparator.comparing(f -> f.getPath().getName()));
            for (FileStatus f : files) {
                String name = f.getPath().getName();
                if (name.startsWith("step-") && name.endsWith(".png")) {
                    frames.add(new HtmlReport.Frame("iteration " + Long.parseLong(name.substring(5, name.length() - 4)),
                            HadoopFiles.readAll(f.getPath().toString())));
                }
            }
            String fin = HadoopFiles.child(samples.dir(), "final.png");
            if (HadoopFiles.exists(fin)) {
                IterationMetrics last = metrics.last();
                frames.add(new HtmlReport.Frame("final (iteration " + (last == null ? 0 : last.step()) + ")", HadoopFiles.readAll(fin)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return frames;
    }
}
