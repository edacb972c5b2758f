package sparkgan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import sparkgan.cli.BenchCommand.CaseResult;
import sparkgan.cli.ScalingTables.KernelFit;
import sparkgan.report.Charts;
import sparkgan.spark.ScalingFit;
import sparkgan.spark.SyncCostModel;

/**
 * {@code bench --scaling}'s report: the {@link ScalingFit} line fitted to the {@code local-cluster}
 * measurements, every measurement beside the line's prediction (a standalone cluster's too, which the
 * fit has not seen), a plot of both, and docs/SCALING.md's modelled tables with the kernels measured
 * in the same run.
 */
final class ScalingReport {
    /** docs/SCALING.md's target for the line against every measured point. */
    static final double TARGET_ERROR = 0.25;

    private final PrintStream out;
    private final int cores;

    ScalingReport(PrintStream out, int cores) {
        this.out = out;
        this.cores = cores;
    }

    /**
     * @param fitted the {@code local-cluster} cases, one executor among them for every preset and batch
     * @param checked cases the line predicts without having been fitted to them (a standalone cluster's)
     * @return the largest relative error of the line over all points
     */
    double print(List<String> presets, List<String> assignments, List<CaseResult> fitted, List<CaseResult> checked, Path plotDir) {
        double worst = 0;
        Map<String, KernelFit> kernels = new LinkedHashMap<>();
        for (String preset : presets) {
            List<CaseResult> mine = fitted.stream().filter(c -> c.preset().equals(preset)).toList();
            Map<Integer, Double> kernel = oneExecutorKernels(mine);
            List<ScalingFit.Point> points = points(mine, kernel);
            ScalingFit fit = ScalingFit.fit(points, cores);
            out.printf(Locale.ROOT, "%n### `%s`: measured, and the line fitted to the local-cluster points%n%n", preset);
            out.printf(Locale.ROOT, "ms/iter = syncs x (K(B) / min(E, %d) + %.1f + %.1f x E), K(B) the one-executor kernel column%n%n",
                    cores, fit.alphaMs(), fit.betaMs());
            out.println("| engine | batch | executors | ms/iter (median) | model | model error | kernel ms/sync | overhead ms/sync | result transfer |");
            out.println("|---|---|---|---|---|---|---|---|---|");
            Map<String, double[][]> series = new LinkedHashMap<>();
            worst = Math.max(worst, rows(mine, points, fit, series, "local-cluster"));
            List<CaseResult> others = checked.stream().filter(c -> c.preset().equals(preset)).toList();
            if (!others.isEmpty()) {
                worst = Math.max(worst, rows(others, points(others, kernel), fit, series, "standalone"));
            }
            modelLines(points, fit, series);
            Path png = plotDir.resolve("scaling-measured-" + preset + ".png");
            sparkgan.io.HadoopFiles.writeAtomically(png.toAbsolutePath().toUri().toString(), Charts.lines("scaling-measured-" + preset,
                    "Measured and fitted: " + preset + " on one " + cores + "-core machine", "executors", "ms per iteration", series).png());
            out.printf(Locale.ROOT, "%nplot: %s%n", png);
            if (kernel.size() >= 2) {
                KernelFit k = KernelFit.fit(kernel.keySet().stream().mapToInt(Integer::intValue).toArray(),
                        kernel.values().stream().mapToDouble(Double::doubleValue).toArray());
                if (k.msPerImage() > 0 && k.ms(64) > 0) {
                    kernels.put(preset, k);
                } else {
                    out.printf(Locale.ROOT, "%nNo modelled tables for %s: its kernel line K(B) = %.2f + %.4f x B ms does not grow with "
                            + "the batch (too few iterations measured?)%n", preset, k.fixedMs(), k.msPerImage());
                }
            }
        }
        out.printf(Locale.ROOT, "%nLargest error of the line: %.0f %% (target: within %.0f %%)%n", 100 * worst, 100 * TARGET_ERROR);
        if (!kernels.isEmpty()) {
            out.printf(Locale.ROOT, "%n## Modelled with this run's kernels (the network constants as documented: they cannot be "
                    + "measured on one machine)%n%n");
            new ScalingTables(out, SyncCostModel.MEASURED, kernels).print(List.copyOf(kernels.keySet()), assignments, plotDir);
        } else {
            out.printf(Locale.ROOT, "%nNo modelled tables: they need a kernel line that grows with the batch, measured at two batches at least.%n");
        }
        return worst;
    }

    /** K(B): each batch's kernel column in its one-executor case. */
    private static Map<Integer, Double> oneExecutorKernels(List<CaseResult> cases) {
        Map<Integer, Double> kernel = new TreeMap<>();
        for (CaseResult c : cases) {
            if (c.executors() == 1) {
                kernel.put(c.batch(), c.kernelMs());
            }
        }
        for (CaseResult c : cases) {
            if (!kernel.containsKey(c.batch())) {
                throw new sparkgan.BadInputException("--scaling: batch " + c.batch() + " has no one-executor measurement; "
                        + "--executors must include 1");
            }
        }
        return kernel;
    }

    private static List<ScalingFit.Point> points(List<CaseResult> cases, Map<Integer, Double> kernel) {
        List<ScalingFit.Point> points = new ArrayList<>();
        for (CaseResult c : cases) {
            points.add(new ScalingFit.Point(c.batch(), c.executors(), c.syncs(), kernel.get(c.batch()), c.msPerIteration()));
        }
        return points;
    }

    /** Prints a row per case and adds the measured curves; returns the largest relative error. */
    private double rows(List<CaseResult> cases, List<ScalingFit.Point> points, ScalingFit fit, Map<String, double[][]> series, String kind) {
        double worst = 0;
        Map<Integer, List<double[]>> byBatch = new TreeMap<>();
        for (int i = 0; i < cases.size(); i++) {
            CaseResult c = cases.get(i);
            ScalingFit.Point p = points.get(i);
            double error = fit.relativeError(p);
            worst = Math.max(worst, Math.abs(error));
            out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %+.0f %% | %.1f | %.1f | %.1f |%n", c.engine(), c.batch(), c.executors(),
                    c.msPerIteration(), fit.predictMs(p), 100 * error, c.kernelMs(), c.overheadMs(), c.resultMs());
            byBatch.computeIfAbsent(c.batch(), b -> new ArrayList<>()).add(new double[] {c.executors(), c.msPerIteration()});
        }
        byBatch.forEach((batch, xy) -> series.put(kind + ", batch " + batch, columns(xy)));
        return worst;
    }

    /** The fitted line at every executor count measured, per batch. */
    private static void modelLines(List<ScalingFit.Point> points, ScalingFit fit, Map<String, double[][]> series) {
        Map<Integer, List<double[]>> byBatch = new TreeMap<>();
        for (ScalingFit.Point p : points) {
            byBatch.computeIfAbsent(p.batch(), b -> new ArrayList<>()).add(new double[] {p.executors(), fit.predictMs(p)});
        }
        byBatch.forEach((batch, xy) -> series.put("model, batch " + batch, columns(xy)));
    }

    private static double[][] columns(List<double[]> xy) {
        double[][] c = new double[2][xy.size()];
        for (int i = 0; i < xy.size(); i++) {
            c[0][i] = xy.get(i)[0];
            c[1][i] = xy.get(i)[1];
        }
        return c;
    }
}
