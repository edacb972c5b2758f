package sparkgan.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.io.ModelFile;

/**
 * How long a checkpoint of the default (mlp) configuration takes to write (streamed, synced, renamed
 * into place) and to read back: the cost of the wall-clock checkpoint cadence. Not a test; run as
 * docs/BENCHMARKS.md says. Usage: {@code CheckpointWriteBench FILE}.
 */
public final class CheckpointWriteBench {
    private CheckpointWriteBench() {
    }

    public static void main(String[] args) {
        GanSpec spec = GanSpec.from(GanConfig.defaults());
        int g = spec.generator().paramCount();
        int d = spec.discriminatorParams();
        // G, D, the average of G, and both networks' Adam moments (m, v; the step counts are one float).
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        tensors.put("G", new float[g]);
        tensors.put("D", new float[d]);
        tensors.put("G.ema", new float[g]);
        for (int i = 0; i < 2; i++) {
            tensors.put("G.optimizer." + i, new float[g]);
            tensors.put("D.optimizer." + i, new float[d]);
        }
        Random r = new Random(1);
        long floats = 0;
        for (float[] v : tensors.values()) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            floats += v.length;
        }
        ModelFile file = new ModelFile("checkpoint", 1, GanConfig.defaults().asMap(), tensors);
        System.out.printf("%d floats (%.1f MB)%n", floats, floats * 4 / 1e6);
        for (int rep = 0; rep < 7; rep++) {
            long t0 = System.nanoTime();
            file.write(args[0]);
            System.out.printf("write %d: %.1f ms%n", rep, (System.nanoTime() - t0) / 1e6);
        }
        long t0 = System.nanoTime();
        ModelFile back = ModelFile.read(args[0]);
        System.out.printf("read: %.1f ms (%d tensors)%n", (System.nanoTime() - t0) / 1e6, back.tensors().size());
    }
}
