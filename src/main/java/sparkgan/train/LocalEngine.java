package sparkgan.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageSource;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.gan.StepRequest;
import sparkgan.math.FixedPointSum;
import sparkgan.math.Precision;

/**
 * The same per-partition computation as on Spark, on in-memory blocks and a thread pool: the
 * reference that Spark runs are compared with, bit for bit, and the no-Spark baseline of the
 * benchmark.
 */
public final class LocalEngine implements GradientEngine {
    private final GanSpec spec;
    private final List<ImageBlock> blocks;
    private final ExecutorService pool;
    private final int threads;
    private final TaskWeights taskWeights = new TaskWeights();

    public LocalEngine(GanSpec spec, List<ImageBlock> blocks, int threads) {
        this.spec = spec;
        this.blocks = blocks;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "local-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Splits the data into {@code partitions} contiguous blocks exactly as the Spark loader does. */
    public static LocalEngine load(GanSpec spec, ImageSource data, int partitions, int threads) {
        List<ImageBlock> blocks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            blocks.add(data.readBlock(p, partitions, spec.signedPixels()));
        }
        return new LocalEngine(spec, blocks, threads);
    }

    public List<ImageBlock> blocks() {
        return blocks;
    }

    @Override
    public GanSpec spec() {
        return spec;
    }

    @Override
    public int[] partitionSizes() {
        return blocks.stream().mapToInt(ImageBlock::rows).toArray();
    }

    @Override
    public FixedPointSum compute(StepRequest request, Weights generator, Weights discriminator) {
        float[] g = taskWeights.of(generator, request.transfer());
        float[] d = taskWeights.of(discriminator, request.transfer());
        // Each thread converts its own partial to fixed point (as Spark's result-getter threads do),
        // so the calling thread only adds integers.
        List<Future<FixedPointSum>> parts = new ArrayList<>();
        for (ImageBlock block : blocks) {
            parts.add(pool.submit(() -> FixedPointSum.of(GanKernel.forThread(spec).compute(request, block, g, d))));
        }
        FixedPointSum total = null;
        try {
            for (Future<FixedPointSum> f : parts) {
                if (total == null) {
                    total = f.get();
                } else {
                    total.addAll(f.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException(e.getCause());
        }
        return total != null ? total : new FixedPointSum(GanKernel.resultLength(spec, request.phase()));
    }

    @Override
    public String describe() {
        return "in-process, " + threads + " thread(s), " + blocks.size() + " partition(s)";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * The weights as the partitions compute with them: the driver's arrays at float32, else a copy
     * rounded to the transfer precision once per version (what Spark's broadcast carries).
     */
    private static final class TaskWeights {
        /** A rounded copy and what it was made from. */
        private record Copy(long version, Precision precision, float[] values) {
        }

        /** By the weights' identity: another training state's weights may have the same name and version. */
        private final Map<Weights, Copy> copies = new IdentityHashMap<>();

        float[] of(Weights w, Precision transfer) {
            if (transfer == Precision.FLOAT32) {
                return w.values();
            }
            Copy c = copies.get(w);
            if (c == null || c.version() != w.version() || c.precision() != transfer) {
                c = new Copy(w.version(), transfer, transfer.rounded(w.values()));
                copies.put(w, c);
            }
            return c.values();
        }
    }
}
