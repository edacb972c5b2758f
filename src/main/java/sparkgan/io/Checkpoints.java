package sparkgan.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkgan.BadInputException;
import sparkgan.train.TrainingDivergedException;
import sparkgan.train.TrainingState;

/**
 * Checkpoints of a run in {@code <out>/checkpoints/ckpt-NNNNNNN.sgan}: G, D, both optimizers'
 * state, the iteration and the effective config, in the checksummed model format, written to a
 * temporary name and renamed into place. The random streams need no saved state (they are keyed by
 * seed and step), so a run resumed from a checkpoint continues bit-identically.
 */
public final class Checkpoints {
    public static final String DIR = "checkpoints";
    /** D's singular-vector estimates (d.spectralNorm), so that a resumed run normalises as the original did. */
    public static final String D_SINGULAR_VECTORS = "D.sn.vectors";
    /** At most 18 digits: every such name parses as a long; longer ones are not checkpoints of ours. */
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d{1,18})\\.sgan");

    private final String dir;
    private final int keep;

    public Checkpoints(String outDir, int keep) {
        this.dir = HadoopFiles.child(outDir, DIR);
        this.keep = keep;
    }

    public String directory() {
        return dir;
    }

    /**
     * Writes the state's checkpoint with the run's lineage, then deletes all but the newest
     * {@code keep}. Weights that are not finite are never written: training diverged.
     */
    public String write(TrainingState state, Map<String, String> config, Map<String, String> lineage) {
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        tensors.put("G", state.generator().values());
        tensors.put("D", state.discriminator().values());
        putAverage(state, tensors);
        if (state.spectralNorm() != null) {
            tensors.put(D_SINGULAR_VECTORS, state.spectralNorm().vectors());
        }
        float[][] gs = state.generatorOptimizer().state();
        for (int i = 0; i < gs.length; i++) {
            tensors.put("G.optimizer." + i, gs[i]);
        }
        float[][] ds = state.discriminatorOptimizer().state();
        for (int i = 0; i < ds.length; i++) {
            tensors.put("D.optimizer." + i, ds[i]);
        }
        requireFinite(tensors, state.iteration());
        String uri = HadoopFiles.child(dir, String.format("ckpt-%07d.sgan", state.iteration()));
        new ModelFile("checkpoint", state.iteration(), config, tensors).withLineage(lineage).write(uri);
        prune();
        return uri;
    }

    /** Refuses to let NaN or an infinity reach a file that a run would resume from or sample with. */
    public static void requireFinite(Map<String, float[]> tensors, long iteration) {
        for (Map.Entry<String, float[]> t : tensors.entrySet()) {
            for (float v : t.getValue()) {
                if (!Float.isFinite(v)) {
                    throw new TrainingDivergedException(iteration, "tensor " + t.getKey() + " holds " + v
                            + " after the iteration's updates; not written");
                }
            }
        }
    }

    /** The moving average of G's weights, when the run keeps one (g.ema > 0). */
    public static void putAverage(TrainingState state, Map<String, float[]> tensors) {
        if (state.generatorAverage() != null) {
            tensors.put(ModelFile.G_AVERAGE, state.generatorAverage().weights().values());
        }
    }

    private void prune() {
        List<Entry> all = list();
        for (int i = keep; i < all.size(); i++) {
            Path p = new Path(all.get(i).uri());
            try {
                HadoopFiles.fs(p).delete(p, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + p, e);
            }
        }
    }

    /** A checkpoint file and its iteration. */
    public record Entry(String uri, long iteration) {
    }

    /** Checkpoint files, newest first (by the iteration in their name). */
    public List<Entry> list() {
        Path p = new Path(dir);
        FileSystem fs = HadoopFiles.fs(p);
        List<Entry> out = new ArrayList<>();
        try {
            if (!fs.exists(p)) {
                return out;
            }
            for (FileStatus s : fs.listStatus(p)) {
                Matcher m = NAME.matcher(s.getPath().getName());
                if (m.matches()) {
                    out.add(new Entry(s.getPath().toString(), Long.parseLong(m.group(1))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparingLong(Entry::iteration).reversed());
        return out;
    }

    /**
     * The newest checkpoint that reads back whole (magic, version, SHA-256); corrupt or partial ones
     * are reported through {@code warn} and skipped, never loaded.
     */
    public ModelFile newestValid(Consumer<String> warn) {
        for (Entry e : list()) {
            try {
                ModelFile f = ModelFile.read(e.uri());
                if (!"checkpoint".equals(f.kind())) {
                    throw new BadInputException(e.uri() + ": not a checkpoint");
                }
                return f;
            } catch (BadInputException bad) {
                warn.accept("warning: skipping checkpoint " + bad.getMessage());
            }
        }
        return null;
    }

    /** Copies a checkpoint's tensors into a freshly built state of the same config. */
    public static void restore(ModelFile checkpoint, TrainingState state) {
        copy(checkpoint, "G", state.generator().values());
        copy(checkpoint, "D", state.discriminator().values());
        float[][] gs = state.generatorOptimizer().state();
        for (int i = 0; i < gs.length; i++) {
            copy(checkpoint, "G.optimizer." + i, gs[i]);
        }
        float[][] ds = state.discriminatorOptimizer().state();
        for (int i = 0; i < ds.length; i++) {
            copy(checkpoint, "D.optimizer." + i, ds[i]);
        }
        if (state.generatorAverage() != null) {
            copy(checkpoint, ModelFile.G_AVERAGE, state.generatorAverage().weights().values());
            state.generatorAverage().weights().changed();
        }
        if (state.spectralNorm() != null) {
            copy(checkpoint, D_SINGULAR_VECTORS, state.spectralNorm().vectors());
        }
        state.generator().changed();
        state.discriminatorRestored();
    }

    private static void copy(ModelFile f, String name, float[] into) {
        float[] v = f.tensor(name);
        if (v == null || v.length != into.length) {
            throw new BadInputException("checkpoint tensor " + name + " is missing or does not fit the configuration");
        }
        System.arraycopy(v, 0, into, 0, into.length);
    }
}
