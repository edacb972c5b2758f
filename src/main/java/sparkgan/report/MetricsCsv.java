package sparkgan.report;

import java.nio.charset.StandardCharsets;
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

    public MetricsCsv(String uri) {
        this.uri = uri;
    }

    /** Continues an existing file (after a resume), keeping its rows up to {@code upToStep}. */
    public MetricsCsv(String uri, String existing, long upToStep) {
        this.uri = uri;
        String[] lines = existing.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int comma = line.indexOf(',');
            if (comma > 0 && Long.parseLong(line.substring(0, comma)) <= upToStep) {
                rows.append(line).append('\n');
            }
        }
    }

    public void add(IterationMetrics m) {
        rows.append(m.csvRow()).append('\n');
    }

    public void flush() {
        HadoopFiles.writeAtomically(uri, rows.toString().getBytes(StandardCharsets.UTF_8));
    }
}
