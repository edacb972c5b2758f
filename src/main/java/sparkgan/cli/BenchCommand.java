package sparkgan.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.data.DataLocator;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;
import sparkgan.config.UpdateScheme;
import sparkgan.config.GanParams;
import sparkgan.gan.GanSpec;
import sparkgan.math.Blas;
import sparkgan.nn.LayerTiming;
import sparkgan.nn.Network;
import sparkgan.spark.JobTimeline;
import sparkgan.spark.SparkContexts;
import sparkgan.spark.Engines;
import sparkgan.spark.SparkEngine;
import sparkgan.train.GradientEngine;
import sparkgan.train.LocalEngine;
import sparkgan.train.StepProfile;
import sparkgan.train.TrainSettings;
import sparkgan.train.Training;
import sparkgan.train.TrainingState;

/**
 * {@code bench}: throughput and the split of a step's time, per preset, global batch and engine
 * (in-process without Spark on 1 and 2 threads, and Spark masters), against the sgemm rate measured
 * on the same machine in the same run. Prints a markdown table (docs/BENCHMARKS.md holds one).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure images/s, ms per iteration and where a step's time goes.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--presets", split = ",", defaultValue = "mlp,seed", description = "Presets (default ${DEFAULT-VALUE}).")
    List<String> presets;

    @Option(names = "--batches", split = ",", defaultValue = "64,256,1024", description = "Global batches (default ${DEFAULT-VALUE}).")
    List<Integer> batches;

    // Commas inside brackets (local-cluster[2,1,2048]) do not split.
    @Option(names = "--engines", split = ",(?![^\\[]*\\])", defaultValue = "inprocess-1,inprocess-2,local[2]",
            description = "inprocess-N (no Spark, N threads) or a Spark master such as local[2] or local-cluster[2,1,2048] (default ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--updates", split = ",", defaultValue = "alternating",
            description = "alternating and/or simultaneous (default ${DEFAULT-VALUE}).")
    List<String> updates;

    @Option(names = "--partitions", defaultValue = "2",
            description = "Data partitions (default ${DEFAULT-VALUE}); 0: one per task slot of each engine "
                + "(inprocess-K and local[K]: K, local-cluster[N,C,M]: N x C).")
    int partitions;

    @Option(names = "--steps", defaultValue = "20", description = "Measured iterations per case (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "5", description = "Iterations before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--soak", defaultValue = "0",
            description = "Instead of the table: train the first preset at the first batch on the first engine for this many iterations, "
                    + "sampling the heap of the driver and of each executor after a full GC, and block-manager storage, every --soak-every.")
    int soak;

    @Option(names = "--soak-every", defaultValue = "500", description = "Iterations between the samples of --soak (default ${DEFAULT-VALUE}).")
    int soakEvery;

    @Option(names = "--kernels",
            description = "Instead of the table: each weighted layer of the presets' G and D, forward + backward on one thread at each batch, in GFLOP/s and %% of the sgemm rate.")
    boolean kernels;

    @Option(names = "--model",
            description = "Instead of measuring: the cost model's predictions of docs/SCALING.md for the presets with a measured kernel "
                + "(mlp, dcgan): images/s and scaling efficiency on 2-64 executors over 1/10/25 Gbit/s, batches 64-4096, and a plot per preset.")
    boolean model;

    @Option(names = "--model-out", defaultValue = "target/bench",
            description = "Directory for the --model and --scaling plots (default ${DEFAULT-VALUE}).")
    java.nio.file.Path modelOut;

    @Option(names = "--scaling",
            description = "Instead of the table: docs/SCALING.md's measurements. Each preset and batch, alternating, on "
                + "local-cluster[E,1,2048] for each E of --executors (one partition per executor) and on the --standalone "
                + "master when given; the line fitted to the local-cluster points beside every measurement, a plot, and "
                + "the --model tables with the kernels just measured (--engines, --updates and --partitions do not apply). "
                + "Needs SPARK_HOME (submit/bench.sh --scaling sets it up).")
    boolean scaling;

    @Option(names = "--executors", split = ",", defaultValue = "1,2,3,4",
            description = "Executor counts for --scaling (used only there); must include 1 (default ${DEFAULT-VALUE}).")
    List<Integer> executorCounts;

    @Option(names = "--standalone",
            description = "A standalone master (spark://host:port) whose workers offer a core per executor of --executors: "
                + "--scaling measures it too, with spark.cores.max = E and one core per executor.")
    String standalone;

    @Option(names = "--data", description = "MNIST directory or IDX file (default: as train).")
    String data;

    @Option(names = "--set", description = "key=value applied to every case (repeatable).")
    List<String> assignments = new ArrayList<>();

    private JobTimeline timeline;

    @Override
    public Integer call() {
        if (steps < 3 || warmup < 0 || partitions < 0) {
            throw new BadInputException("--steps must be at least 3, --warmup at least 0, --partitions at least 0");
        }
        for (String p : presets) {
            GanConfig.defaults().withPreset(p);
        }
        if (kernels) {
            return kernels();
        }
        if (model) {
            new ScalingTables(System.out).print(presets, assignments, modelOut);
            return 0;
        }
        if (scaling) {
            checkScalingOptions();
        }
        if (soak > 0 && soakEvery < 1) {
            throw new BadInputException("--soak-every " + soakEvery + ": expected at least 1 iteration between samples");
        }
        int limit = GanConfig.defaults().withAssignments(assignments).get(sparkgan.config.GanParams.DATA_LIMIT);
        MnistData mnist = DataLocator.locate(data, List.of(), limit, System.out::println);
        if (soak > 0) {
            return soak(mnist);
        }
        if (scaling) {
            return scaling(mnist);
        }
        double sgemm = sgemmGflops();
        System.out.printf(Locale.ROOT, "# bench: %s, BLAS %s, sgemm %.1f GFLOP/s (1 thread, 256x1024x1024), %d cores, %s, %d+%d iterations%n%n",
                mnist.description(), Blas.describe(), sgemm, Runtime.getRuntime().availableProcessors(),
                partitions == 0 ? "one partition per task slot" : partitions + " partitions", warmup, steps);
        System.out.println("| preset | update | batch | engine | real img/s | ms/iter (median) | syncs/iter | kernel ms/sync | overhead ms/sync | broadcast | scheduling | weights fetch | result transfer | merge | driver update ms/sync | kernel GFLOP/s/core | % of sgemm |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String engineName : engines) {
            JavaSparkContext sc = engineName.startsWith("inprocess-") ? null : SparkContexts.create("spark-gan bench", engineName);
            if (sc != null) {
                awaitExecutors(sc, engineName);
            }
            timeline = new JobTimeline();
            if (sc != null) {
                sc.sc().addSparkListener(timeline);
            }
            try {
                int casePartitions = partitions == 0 ? taskSlots(engineName) : partitions;
                for (String preset : presets) {
                    for (String update : updates) {
                        for (int batch : batches) {
                            // Read per case: a master that does not name its slots may still be registering executors.
                            int slots = sc == null || namesTaskSlots(engineName) ? taskSlots(engineName) : sc.defaultParallelism();
                            printRow(runCase(sc, engineName, slots, casePartitions, preset, update, batch, mnist, sgemm));
                        }
                    }
                }
            } finally {
                if (sc != null) {
                    sc.stop();
                }
            }
        }
        return 0;
    }

    /**
     * Memory of each --scaling executor on both kinds of cluster, MB: Spark's default executor memory,
     * which the local-cluster rows of docs/SCALING.md ran with (local-cluster[E,1,2048] offers 2048 per
     * worker).
     */
    private static final int SCALING_EXECUTOR_MB = 1024;
    private static final int SCALING_WORKER_MB = 2048;

    private void checkScalingOptions() {
        if (!executorCounts.contains(1) || executorCounts.stream().anyMatch(e -> e < 1)) {
            throw new BadInputException("--executors " + executorCounts + ": expected counts of at least 1, including 1 "
                    + "(every term is measured against the one-executor kernel)");
        }
        if (executorCounts.stream().distinct().count() < 2) {
            throw new BadInputException("--executors " + executorCounts + ": expected two counts at least (the fit is a line)");
        }
        if (standalone != null && !standalone.startsWith("spark://")) {
            throw new BadInputException("--standalone " + standalone + ": expected a standalone master URL spark://host:port");
        }
        executorCounts = executorCounts.stream().distinct().sorted().toList();
    }

    /** {@code --scaling}: measured points on local-cluster (and a standalone master), the fitted line beside each. */
    private int scaling(MnistData mnist) {
        double sgemm = sgemmGflops();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "# bench --scaling: %s, BLAS %s, sgemm %.1f GFLOP/s, %d cores, executors %s of one core and %d MB, "
                + "one partition each, %d+%d iterations%n%n", mnist.description(), Blas.describe(), sgemm, cores, executorCounts,
                SCALING_EXECUTOR_MB, warmup, steps);
        System.out.println("| preset | update | batch | engine | real img/s | ms/iter (median) | syncs/iter | kernel ms/sync | overhead ms/sync | broadcast | scheduling | weights fetch | result transfer | merge | driver update ms/sync | kernel GFLOP/s/core | % of sgemm |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<CaseResult> local = new ArrayList<>();
        List<CaseResult> standaloneCases = new ArrayList<>();
        for (int e : executorCounts) {
            String master = "local-cluster[" + e + ",1," + SCALING_WORKER_MB + "]";
            local.addAll(measureOn(master, master, java.util.Map.of("spark.executor.memory", SCALING_EXECUTOR_MB + "m"), e, mnist, sgemm));
        }
        if (standalone != null) {
            for (int e : executorCounts) {
                standaloneCases.addAll(measureOn(standalone, "standalone[" + e + "]", java.util.Map.of("spark.cores.max", Integer.toString(e),
                        "spark.executor.cores", "1", "spark.executor.memory", SCALING_EXECUTOR_MB + "m"), e, mnist, sgemm));
            }
        }
        new ScalingReport(System.out, cores).print(presets, assignments, local, standaloneCases, modelOut);
        return 0;
    }

    /** Every preset and batch on one master with {@code executors} single-core executors, one partition each. */
    private List<CaseResult> measureOn(String master, String label, java.util.Map<String, String> settings, int executors,
            MnistData mnist, double sgemm) {
        JavaSparkContext sc = SparkContexts.create("spark-gan bench --scaling", master, settings);
        List<CaseResult> results = new ArrayList<>();
        try {
            awaitExecutors(sc, label, executors);
            timeline = new JobTimeline();
            sc.sc().addSparkListener(timeline);
            for (String preset : presets) {
                for (int batch : batches) {
                    CaseResult c = runCase(sc, label, executors, executors, preset, "alternating", batch, mnist, sgemm);
                    printRow(c);
                    results.add(c);
                }
            }
        } finally {
            sc.stop();
        }
        return results;
    }

    /** The layers' own speed, without Spark or the game: what the kernels get out of BLAS. */
    private int kernels() {
        double sgemm = sgemmGflops();
        System.out.printf(Locale.ROOT, "# bench --kernels: BLAS %s, sgemm %.1f GFLOP/s (1 thread, 256x1024x1024)%n%n", Blas.describe(), sgemm);
        System.out.println("| preset | network | layer | batch | ms forward + backward | GFLOP/s | % of sgemm |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String preset : presets) {
            GanSpec spec = GanSpec.from(GanConfig.defaults().withPreset(preset).withAssignments(assignments));
            for (int batch : batches) {
                kernelRows(preset, "G", spec.generator(), batch, sgemm);
                kernelRows(preset, "D", spec.discriminator(), batch, sgemm);
            }
        }
        return 0;
    }

    private static void kernelRows(String preset, String name, sparkgan.nn.Network network, int batch, double sgemm) {
        for (sparkgan.nn.Layer layer : network.layers()) {
            if (layer.macsPerRow() == 0) {
                continue;
            }
            double ms = LayerTiming.millis(layer, batch);
            double gflops = LayerTiming.flops(layer, batch) / (ms / 1000) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.1f | %.0f%% |%n", preset, name, layer, batch, ms, gflops, 100 * gflops / sgemm);
        }
    }

    /** One case's measurements; the Spark columns are NaN for the in-process engine. */
    record CaseResult(String preset, String update, int batch, String engine, int executors, double imagesPerSecond,
            double msPerIteration, int syncs, double kernelMs, double overheadMs, double broadcastMs, double schedulingMs,
            double fetchMs, double resultMs, double mergeMs, double updateMs, double kernelGflops, double sgemmShare) {
    }

    private static void printRow(CaseResult c) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.0f | %.1f | %d | %.1f | %.1f | %.1f | %s | %s | %s | %s | %.1f | %.1f | %.0f%% |%n",
                c.preset(), c.update(), c.batch(), c.engine(), c.imagesPerSecond(), c.msPerIteration(), c.syncs(), c.kernelMs(),
                c.overheadMs(), c.broadcastMs(), orDash(c.schedulingMs()), orDash(c.fetchMs()), orDash(c.resultMs()), orDash(c.mergeMs()),
                c.updateMs(), c.kernelGflops(), 100 * c.sgemmShare());
    }

    private static String orDash(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f", ms);
    }

    /**
     * Trains one case for warmup + steps iterations and measures the last steps.
     *
     * @param slots tasks the engine runs at once
     * @param casePartitions data partitions
     */
    private CaseResult runCase(JavaSparkContext sc, String engineName, int slots, int casePartitions, String preset, String update,
            int batch, MnistData mnist, double sgemm) {
        GanConfig config = GanConfig.defaults().withPreset(preset).withAssignments(assignments)
                .with("train.update", update);
        if (config.get(GanParams.TRAIN_UPDATE) == UpdateScheme.SIMULTANEOUS) {
            config = config.with("train.dSteps", "1");
        }
        config = config.with("train.batch", Integer.toString(batch)).with("train.steps", Integer.toString(warmup + steps))
                .with("train.partitions", Integer.toString(casePartitions));
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        GradientEngine engine = sc == null ? LocalEngine.load(spec, mnist, casePartitions, slots) : Engines.spark(sc, spec, mnist, settings);
        try {
            List<Double> iterSeconds = new ArrayList<>();
            Training training = Training.of(config, engine).listen((m, s) -> {
                if (m.step() > warmup) {
                    iterSeconds.add(m.stepSeconds());
                }
            });
            TrainingState state = training.initialState();
            training.fit(state, warmup, 0);
            training.profile().reset();
            long measuredFrom = System.currentTimeMillis();
            training.fit(state, warmup + steps, 0);
            StepProfile p = training.profile();
            if (sc != null) {
                waitForListenerBus(sc);
            }
            // Per Spark job: until the last task runs, the slowest task's result transfer, the merge.
            double[] split = timeline.meanSince(measuredFrom);
            double median = median(iterSeconds);
            int k = settings.dSteps();
            int syncs = settings.simultaneous() ? 1 : k + 1;
            double flopsPerIter = 2.0 * (k * dStepMacs(spec, batch) + gStepMacs(spec, batch));
            // Kernel CPU time per iteration (summed over partitions): the per-core rate.
            double kernelCpuPerIter = p.kernelTotalMs() / 1000.0 * syncs;
            double kernelGflops = flopsPerIter / kernelCpuPerIter / 1e9;
            // The compute part of a sync: the slowest partition, or all kernels spread over the task slots.
            double kernelMs = Math.max(p.kernelMs(), p.kernelTotalMs() / Math.min(slots, casePartitions));
            boolean spark = sc != null;
            return new CaseResult(preset, update, batch, engineName, slots, batch * k / median, 1000 * median, syncs, kernelMs,
                    p.engineMs() - kernelMs, p.broadcastMs(), spark ? split[0] : Double.NaN, spark ? p.fetchMs() : Double.NaN,
                    spark ? split[2] : Double.NaN, spark ? split[3] : Double.NaN, p.updateMs(), kernelGflops, kernelGflops / sgemm);
        } finally {
            engine.close();
        }
    }

    private static final java.util.regex.Pattern SLOTS = java.util.regex.Pattern.compile("(?:inprocess-|local\\[)(\\d+)\\]?");
    private static final java.util.regex.Pattern CLUSTER =
            java.util.regex.Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,.*\\]");

    static boolean namesTaskSlots(String engineName) {
        return SLOTS.matcher(engineName).matches() || CLUSTER.matcher(engineName).matches();
    }

    /** Tasks an engine runs at once, from its name (Spark's default parallelism is 2 until executors register). */
    static int taskSlots(String engineName) {
        java.util.regex.Matcher m = SLOTS.matcher(engineName);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        m = CLUSTER.matcher(engineName);
        if (m.matches()) {
            return Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2));
        }
        throw new BadInputException("engine " + engineName + ": expected inprocess-K, local[K] or local-cluster[N,C,M] "
            + "(--partitions 0 reads the task slots from the name)");
    }

    /**
     * Waits until every executor a local-cluster master names has registered: otherwise the data is
     * cached on the first ones to arrive and the tasks stay there.
     */
    private static void awaitExecutors(JavaSparkContext sc, String engineName) {
        java.util.regex.Matcher m = CLUSTER.matcher(engineName);
        if (m.matches()) {
            awaitExecutors(sc, engineName, Integer.parseInt(m.group(1)));
        }
    }

    private static void awaitExecutors(JavaSparkContext sc, String engineName, int executors) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sc.statusTracker().getExecutorInfos().length - 1 < executors) {  // the driver is listed too
            if (System.nanoTime() > deadline) {
                if (sc.master().startsWith("spark://")) {
                    throw new BadInputException(engineName + " on " + sc.master() + ": " + executors
                            + " executors did not register within 120 s; the master needs workers with that many free cores");
                }
                throw new IllegalStateException(engineName + ": " + executors + " executors did not register within 120 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Heaps after a full GC (driver and executors) and block-manager memory in use, every --soak-every iterations of a long run. */
    private int soak(MnistData mnist) {
        String engineName = engines.get(0);
        if (engineName.startsWith("inprocess-")) {
            throw new BadInputException("--soak needs a Spark engine, e.g. --engines local[2]");
        }
        GanConfig config = GanConfig.defaults().withPreset(presets.get(0)).withAssignments(assignments)
                .with("train.batch", Integer.toString(batches.get(0))).with("train.steps", Integer.toString(soak));
        config = config.with("train.partitions", Integer.toString(partitions == 0 ? taskSlots(engineName) : partitions));
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        JavaSparkContext sc = SparkContexts.create("spark-gan soak", engineName);
        System.out.printf(Locale.ROOT, "# soak: preset %s, batch %d, %s, %d iterations%n%n", presets.get(0), batches.get(0), engineName, soak);
        System.out.printf(Locale.ROOT, "| iteration | driver heap MB (after GC) | executor heap MB (after GC), by executor id "
                + "| block-manager memory MB | cached RDD MB | ms/iter (last %d) |%n", soakEvery);
        System.out.println("|---|---|---|---|---|---|");
        try {
            awaitExecutors(sc, engineName);
            int slots = namesTaskSlots(engineName) ? taskSlots(engineName) : sc.defaultParallelism();
            try (SparkEngine engine = Engines.spark(sc, spec, mnist, settings)) {
                long[] last = {System.nanoTime(), 0};  // time and iteration of the last sample
                sample(sc, slots, 0, 0);
                Training training = Training.of(config, engine).listen((m, s) -> {
                    if (m.step() % soakEvery == 0 || m.step() == soak) {
                        // The last window is shorter when --soak is not a multiple of --soak-every.
                        double msPerIter = (System.nanoTime() - last[0]) / 1e6 / (m.step() - last[1]);
                        sample(sc, slots, m.step(), msPerIter);
                        last[0] = System.nanoTime();
                        last[1] = m.step();
                    }
                });
                training.fit(training.initialState());
            }
        } finally {
            sc.stop();
        }
        return 0;
    }

    private static void sample(JavaSparkContext sc, int taskSlots, long step, double msPerIter) {
        // The executors first: their job's own garbage on the driver is then collected below.
        java.util.SortedMap<String, Double> executors = sparkgan.spark.ExecutorHeap.afterGc(sc, taskSlots);
        StringBuilder byExecutor = new StringBuilder();
        executors.forEach((id, mb) -> byExecutor.append(byExecutor.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s: %.0f", id, mb)));
        // The status tracker lists the driver beside the executors; in local mode the driver is the executor.
        int registered = Math.max(1, sc.statusTracker().getExecutorInfos().length - 1);
        if (executors.size() < registered) {
            byExecutor.append(String.format(Locale.ROOT, " (%d of %d executors reported)", executors.size(), registered));
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        double heap = (rt.totalMemory() - rt.freeMemory()) / 1e6;
        double bm = 0;
        scala.collection.Iterator<scala.Tuple2<String, scala.Tuple2<Object, Object>>> it =
                sc.sc().getExecutorMemoryStatus().iterator();
        while (it.hasNext()) {
            scala.Tuple2<Object, Object> v = it.next()._2();
            bm += ((Long) v._1() - (Long) v._2()) / 1e6;
        }
        double rdd = 0;
        for (org.apache.spark.storage.RDDInfo info : sc.sc().getRDDStorageInfo()) {
            rdd += info.memSize() / 1e6;
        }
        System.out.printf(Locale.ROOT, "| %d | %.0f | %s | %.1f | %.1f | %.1f |%n", step, heap, byExecutor, bm, rdd, msPerIter);
    }

    /** Lets the asynchronous listener bus deliver the last jobs' events. */
    private static void waitForListenerBus(JavaSparkContext sc) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Multiply-adds of one D step on a global batch: G forward, D forward and backward on 2B rows. */
    static double dStepMacs(GanSpec spec, int batch) {
        Network g = spec.generator();
        Network d = spec.discriminator();
        double dm = d.macsPerRow();
        // D's first layer computes no input gradient in a D step.
        double firstD = firstMacs(d);
        return batch * g.macsPerRow() + 2.0 * batch * dm + 2.0 * batch * (2 * dm - firstD);
    }

    /** Multiply-adds of one G step: G forward, D forward, D input gradients, G backward. */
    static double gStepMacs(GanSpec spec, int batch) {
        Network g = spec.generator();
        Network d = spec.discriminator();
        double gm = g.macsPerRow();
        double firstG = firstMacs(g);
        return batch * gm + 2.0 * batch * d.macsPerRow() + batch * (2 * gm - firstG);
    }

    /** Multiply-adds of the first layer that has any (the one whose input gradient nobody needs). */
    private static double firstMacs(Network n) {
        return n.layers().stream().mapToLong(sparkgan.nn.Layer::macsPerRow).filter(m -> m > 0).findFirst().orElse(0);
    }

    /** Single-thread sgemm rate on this machine, now (best of several runs). */
    public static double sgemmGflops() {
        int m = 256;
        int n = 1024;
        int k = 1024;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, 0.25f);
        double best = 0;
        for (int rep = 0; rep < 30; rep++) {
            long t0 = System.nanoTime();
            Blas.gemm(false, false, m, n, k, 1f, a, 0, b, 0, 0f, c, 0);
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, 2.0 * m * n * k / s / 1e9);
        }
        return best;
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
