package sparkgan.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkgan.eval.QualityProbe;
import sparkgan.io.HadoopFiles;

/**
 * eval.csv: one row per periodic evaluation during training, beside metrics.csv. Like metrics.csv it
 * is replaced whole and atomically on every write (a few hundred rows at most).
 */
public final class EvaluationCsv {
    public static final String HEADER = "step,elapsed_seconds,mnist_score,frechet_distance,classes_at_least_5_percent,"
            + "kl_to_uniform,classified_as_asked,samples,eval_seconds";

    /** One evaluation: the iteration, the run's elapsed training time then, what the probe found. */
    public record Row(long step, double elapsedSeconds, Scores scores, double evalSeconds) {
        /** What the probe found, as eval.csv keeps it. */
        public record Scores(double mnistScore, double frechetDistance, int classesAtLeast5Percent, double klToUniform,
                             double classifiedAsAsked, int samples) {
        }

        public static Row of(long step, double elapsedSeconds, QualityProbe.Quality q, double evalSeconds) {
            return new Row(step, elapsedSeconds, new Scores(q.mnistScore(), q.frechetDistance(), q.classesAtLeast5Percent(),
                    q.klToUniform(), q.classifiedAsAsked(), q.samples()), evalSeconds);
        }

        public double mnistScore() {
            return scores.mnistScore();
        }

        public double frechetDistance() {
            return scores.frechetDistance();
        }

        public int classesAtLeast5Percent() {
            return scores.classesAtLeast5Percent();
        }

        public double klToUniform() {
            return scores.klToUniform();
        }

        public double classifiedAsAsked() {
            return scores.classifiedAsAsked();
        }

        public int samples() {
            return scores.samples();
        }

        String csv() {
            double asked = scores.classifiedAsAsked();
            return String.format(Locale.ROOT, "%d,%.3f,%.4f,%.4f,%d,%.5f,%s,%d,%.3f", step, elapsedSeconds, scores.mnistScore(),
                    scores.frechetDistance(), scores.classesAtLeast5Percent(), scores.klToUniform(),
                    Double.isNaN(asked) ? "" : String.format(Locale.ROOT, "%.4f", asked), scores.samples(), evalSeconds);
        }
    }

    private final String uri;
    private final List<Row> rows = new ArrayList<>();

    public EvaluationCsv(String uri, List<Row> previous) {
        this.uri = uri;
        rows.addAll(previous);
    }

    public List<Row> rows() {
        return rows;
    }

    public void add(Row r) {
        rows.add(r);
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            sb.append(row.csv()).append('\n');
        }
        HadoopFiles.writeAtomically(uri, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Rows of an existing eval.csv up to and including {@code upToStep} (for a resumed run). */
    public static List<Row> parse(String text, long upToStep) {
        List<Row> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length < 9) {
                continue;
            }
            long step = Long.parseLong(f[0]);
            if (step <= upToStep) {
                Row.Scores scores = new Row.Scores(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Integer.parseInt(f[4]),
                        Double.parseDouble(f[5]), f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6]), Integer.parseInt(f[7]));
                out.add(new Row(step, Double.parseDouble(f[1]), scores, Double.parseDouble(f[8])));
            }
        }
        return out;
    }
}
