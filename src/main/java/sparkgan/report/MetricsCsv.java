package sparkgan.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sparkgan.io.HadoopFiles;
import sparkgan.train.IterationMetrics;

/**
 * metrics.csv, one row per iteration. Rows are kept in memory and the whole file is replaced
 * atomically on each flush: that works on every Hadoop file system (no append needed) and the file
 * on disk is always complete up to its last flush.
 */
public final class MetricsCsv {
    private final String uri;
    private final StringBuilder rows = new StringBuilder(IterationMetrics.CSV_HEADER).append('\n');

    /** A new file, or the continuation of a resumed run's rows. */
    public MetricsCsv(String uri, List<IterationMetrics> previous) {
        this.uri = uri;
        for (IterationMetrics m : previous) {
            add(m);
        }
    }

    /** Rows of an existing metrics.csv up to and including {@code upToStep}. */
    public static List<IterationMetrics> parse(String text, long upToStep) {
        List<IterationMetrics> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            if (f.length < 8) {
                continue;
            }
            long step = Long.parseLong(f[0]);
            if (step <= upToStep) {
                IterationMetrics.DOutputs d = new IterationMetrics.DOutputs(Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[7]));
                out.add(new IterationMetrics(step, Double.parseDouble(f[1]), Double.parseDouble(f[2]), d, Double.parseDouble(f[5]),
                        Double.parseDouble(f[6])));
            }
        }
        return out;
    }

    public void add(IterationMetrics m) {
        rows.append(m.csvRow()).append('\n');
    }

    public void flush() {
        HadoopFiles.writeAtomically(uri, rows.toString().getBytes(StandardCharsets.UTF_8));
    }
}
