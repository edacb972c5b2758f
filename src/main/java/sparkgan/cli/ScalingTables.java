package sparkgan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.report.Charts;
import sparkgan.spark.SyncCostModel;
import sparkgan.spark.SyncCostModel.Payload;
import sparkgan.train.TrainSettings;

/**
 * {@code bench --model}: docs/SCALING.md's predictions for clusters this machine cannot be, from
 * {@link SyncCostModel}'s measured constants, each preset's kernel measured here and its payloads
 * (the networks' sizes): images per second and scaling efficiency on 2-64 executors over 1, 10 and
 * 25 Gbit/s links, the batch at which each executor count reaches 80 %, and a plot per preset.
 */
final class ScalingTables {
    /**
     * Single-core kernel time of one sync over the whole global batch, K(B) = fixed + perImage x B
     * ms: fitted to this machine's bench rows at batches 64 and 256 (docs/SCALING.md).
     */
    record KernelFit(double fixedMs, double msPerImage) {
        double ms(int batch) {
            return fixedMs + msPerImage * batch;
        }

        /** The least-squares line through kernel times ms[i] at batches[i] (two batches at least). */
        static KernelFit fit(int[] batches, double[] ms) {
            sparkgan.math.LineFit line = sparkgan.math.LineFit.fit(java.util.Arrays.stream(batches).asDoubleStream().toArray(), ms);
            return new KernelFit(line.intercept(), line.slope());
        }
    }

    static final Map<String, KernelFit> MEASURED_KERNELS = Map.of(
            "mlp", new KernelFit(5.8, 0.201),
            "dcgan", new KernelFit(45, 1.74));
    private static final int[] BATCHES = {64, 256, 1024, 4096};
    private static final int[] EXECUTORS = {2, 4, 8, 16, 32, 64};
    private static final double[] LINKS = {1, 10, 25};
    private static final double TARGET_EFFICIENCY = 0.8;

    private final SyncCostModel cost;
    private final Map<String, KernelFit> kernels;
    private final PrintStream out;

    /** With the constants of docs/SCALING.md. */
    ScalingTables(PrintStream out) {
        this(out, SyncCostModel.MEASURED, MEASURED_KERNELS);
    }

    /** With other constants: the kernels a {@code bench --scaling} run has just measured. */
    ScalingTables(PrintStream out, SyncCostModel cost, Map<String, KernelFit> kernels) {
        this.out = out;
        this.cost = cost;
        this.kernels = kernels;
    }

    void print(List<String> presets, List<String> assignments, Path plotDir) {
        out.printf(Locale.ROOT, "# bench --model: fixed %.0f ms per sync, %.1f ms per MB of partial taken in "
                + "(docs/SCALING.md); cells: images/s (scaling efficiency against one executor)%n", cost.fixedMs(), cost.intakeMsPerMb());
        for (String preset : presets) {
            KernelFit k = kernels.get(preset);
            if (k != null) {
                out.printf(Locale.ROOT, "# kernel of %s: K(B) = %.1f + %.3f x B ms per sync (one core, the whole global batch)%n",
                        preset, k.fixedMs(), k.msPerImage());
            }
        }
        for (String preset : presets) {
            KernelFit kernel = kernels.get(preset);
            if (kernel == null) {
                throw new BadInputException("--model: no measured kernel for preset " + preset + "; expected one of "
                        + kernels.keySet().stream().sorted().toList());
            }
            GanConfig config = GanConfig.defaults().withPreset(preset).withAssignments(assignments);
            TrainSettings settings = TrainSettings.from(config);
            List<Payload> syncs = payloads(GanSpec.from(config), settings);
            out.printf(Locale.ROOT, "%n### `%s`%n%n| link | batch |%s%n", preset, executorHeader());
            out.println("|---|---|---|---|---|---|---|---|");
            Map<String, double[][]> series = new LinkedHashMap<>();
            int[][] firstBatchAtTarget = new int[LINKS.length][EXECUTORS.length];
            for (int l = 0; l < LINKS.length; l++) {
                for (int batch : BATCHES) {
                    double one = iterationMs(kernel.ms(batch), 1, syncs, settings, LINKS[l]);
                    double[][] curve = new double[2][EXECUTORS.length];
                    out.printf(Locale.ROOT, "| %.0f Gbit/s | %d |", LINKS[l], batch);
                    for (int i = 0; i < EXECUTORS.length; i++) {
                        int e = EXECUTORS[i];
                        double ms = iterationMs(kernel.ms(batch), e, syncs, settings, LINKS[l]);
                        double efficiency = one / (e * ms);
                        double imagesPerSecond = 1000.0 * batch * settings.dSteps() / ms;
                        out.printf(Locale.ROOT, " %,.0f (%.0f %%) |", imagesPerSecond, 100 * efficiency);
                        curve[0][i] = e;
                        curve[1][i] = 100 * efficiency;
                        if (efficiency >= TARGET_EFFICIENCY && firstBatchAtTarget[l][i] == 0) {
                            firstBatchAtTarget[l][i] = batch;
                        }
                    }
                    out.println();
                    series.put(String.format(Locale.ROOT, "%.0f Gbit/s, batch %d", LINKS[l], batch), curve);
                }
            }
            out.printf(Locale.ROOT, "%nThe first batch at which each executor count reaches %.0f %% (- : not by %d):%n%n| link |%s%n",
                    100 * TARGET_EFFICIENCY, BATCHES[BATCHES.length - 1], executorHeader());
            out.println("|---|---|---|---|---|---|---|");
            for (int l = 0; l < LINKS.length; l++) {
                out.printf(Locale.ROOT, "| %.0f Gbit/s |", LINKS[l]);
                for (int i = 0; i < EXECUTORS.length; i++) {
                    out.print(firstBatchAtTarget[l][i] == 0 ? " - |" : String.format(Locale.ROOT, " %,d |", firstBatchAtTarget[l][i]));
                }
                out.println();
            }
            Path png = plotDir.resolve("scaling-" + preset + ".png");
            writePlot(Charts.lines("scaling-" + preset, "Modelled scaling efficiency: " + preset,
                    "executors", "% of linear", series), png);
            out.printf(Locale.ROOT, "%nplot: %s%n", png);
        }
    }

    private static String executorHeader() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < EXECUTORS.length; i++) {
            header.append(' ').append(EXECUTORS[i]).append(i == EXECUTORS.length - 1 ? " executors |" : " |");
        }
        return header.toString();
    }

    /**
     * What each sync of an iteration moves. A D step's broadcast carries G (changed by the last G
     * step; later D steps of the same iteration carry D) and it returns D's gradient; the G step
     * carries D and returns G's. A simultaneous update is one sync of both.
     */
    static List<Payload> payloads(GanSpec spec, TrainSettings settings) {
        double g = spec.generator().paramCount() * (double) Float.BYTES / 1e6;
        double d = spec.discriminator().paramCount() * (double) Float.BYTES / 1e6;
        List<Payload> syncs = new ArrayList<>();
        if (settings.simultaneous()) {
            syncs.add(new Payload(g + d, g + d));
            return syncs;
        }
        for (int i = 0; i < settings.dSteps(); i++) {
            syncs.add(new Payload(i == 0 ? g : d, d));
        }
        syncs.add(new Payload(d, g));
        return syncs;
    }

    private double iterationMs(double kernelMs, int executors, List<Payload> syncs, TrainSettings settings, double gbit) {
        double ms = 0;
        for (Payload p : syncs) {
            ms += cost.syncMs(kernelMs, executors, settings.depthFor(executors), p, gbit);
        }
        return ms;
    }

    private static void writePlot(Charts.Plot plot, Path png) {
        sparkgan.io.HadoopFiles.writeAtomically(png.toAbsolutePath().toUri().toString(), plot.png());
    }
}
