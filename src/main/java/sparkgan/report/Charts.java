package sparkgan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import sparkgan.train.IterationMetrics;

/** PNG plots of the metrics (JFreeChart), against step and against wall time. */
public final class Charts {
    private Charts() {
    }

    /** A named plot. */
    public record Plot(String name, String title, byte[] png) {
    }

    public static List<Plot> all(List<IterationMetrics> rows) {
        return List.of(
                chart("losses", "Losses", "iteration", rows, false, new String[] {"d_loss", "g_loss"}),
                chart("discriminator", "D(x) and D(G(z))", "iteration", rows, false, new String[] {"d_real", "d_fake"}),
                chart("losses-time", "Losses against wall time", "seconds", rows, true, new String[] {"d_loss", "g_loss"}),
                chart("step-time", "Seconds per iteration", "iteration", rows, false, new String[] {"step_seconds"}));
    }

    /**
     * Plots of the periodic evaluation (none without one): MNIST score and classes covered, and the
     * Fréchet distance, against iteration and against wall time (the time-to-quality curve).
     */
    public static List<Plot> evaluation(List<EvaluationCsv.Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        java.util.ArrayList<Plot> plots = new java.util.ArrayList<>();
        for (boolean wall : new boolean[] {false, true}) {
            String suffix = wall ? "-time" : "";
            String x = wall ? "seconds of training" : "iteration";
            XYSeriesCollection score = new XYSeriesCollection();
            XYSeries s = new XYSeries("MNIST score", false, true);
            XYSeries c = new XYSeries("classes with >= 5 %", false, true);
            XYSeries a = new XYSeries("classified as asked x 10", false, true);
            XYSeriesCollection fd = new XYSeriesCollection();
            XYSeries f = new XYSeries("Fréchet distance", false, true);
            for (EvaluationCsv.Row r : rows) {
                double at = wall ? r.elapsedSeconds() : r.step();
                s.add(at, r.mnistScore());
                c.add(at, r.classesAtLeast5Percent());
                if (!Double.isNaN(r.classifiedAsAsked())) {
                    a.add(at, 10 * r.classifiedAsAsked());
                }
                f.add(at, r.frechetDistance());
            }
            score.addSeries(s);
            score.addSeries(c);
            if (a.getItemCount() > 0) {
                score.addSeries(a);
            }
            fd.addSeries(f);
            plots.add(render("eval-score" + suffix, "Sample quality" + (wall ? " against wall time" : ""), x, score, true));
            plots.add(render("eval-frechet" + suffix, "Fréchet distance to the test set" + (wall ? " against wall time" : ""), x, fd, true));
        }
        return plots;
    }

    /** One checkpoint of a run, judged by {@code evaluate --run}. */
    public record QualityPoint(long step, double seconds, double score, double frechet, int classes, double parzen, double asAsked) {
    }

    /**
     * The time-to-quality curve: MNIST score and classes covered (left axis) and the Parzen
     * log-likelihood in nats (right axis) against seconds of training.
     */
    public static Plot timeToQuality(List<QualityPoint> points) {
        XYSeriesCollection left = new XYSeriesCollection();
        XYSeries score = new XYSeries("MNIST score", false, true);
        XYSeries classes = new XYSeries("classes with >= 5 %", false, true);
        XYSeries asked = new XYSeries("classified as asked x 10", false, true);
        XYSeriesCollection right = new XYSeriesCollection();
        XYSeries parzen = new XYSeries("Parzen log-likelihood (nats, right axis)", false, true);
        for (QualityPoint q : points) {
            if (Double.isNaN(q.seconds())) {
                continue;
            }
            score.add(q.seconds(), q.score());
            classes.add(q.seconds(), q.classes());
            if (!Double.isNaN(q.asAsked())) {
                asked.add(q.seconds(), 10 * q.asAsked());
            }
            parzen.add(q.seconds(), q.parzen());
        }
        left.addSeries(score);
        left.addSeries(classes);
        if (asked.getItemCount() > 0) {
            left.addSeries(asked);
        }
        right.addSeries(parzen);
        JFreeChart chart = ChartFactory.createXYLineChart("Time to quality", "seconds of training", "score / classes", left,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        style(plot, new XYLineAndShapeRenderer(true, true), left.getSeriesCount());
        XYLineAndShapeRenderer r2 = new XYLineAndShapeRenderer(true, true);
        r2.setSeriesPaint(0, new Color(0x2c7a2c));
        r2.setSeriesStroke(0, new BasicStroke(1.6f));
        rightAxis(plot, "nats", right, r2);
        return new Plot("quality-time", "Time to quality", png(chart, 800, 450));
    }

    /**
     * Several runs' time-to-quality curves on one plot: each run's MNIST score (left axis, solid) and
     * Fréchet distance (right axis, dashed) against seconds of training, a colour per run.
     */
    public static Plot timeToQualityBeside(java.util.Map<String, List<QualityPoint>> runs) {
        XYSeriesCollection scores = new XYSeriesCollection();
        XYSeriesCollection distances = new XYSeriesCollection();
        for (java.util.Map.Entry<String, List<QualityPoint>> run : runs.entrySet()) {
            XYSeries score = new XYSeries(run.getKey() + ": MNIST score", false, true);
            XYSeries frechet = new XYSeries(run.getKey() + ": Fréchet distance (right axis)", false, true);
            for (QualityPoint q : run.getValue()) {
                if (!Double.isNaN(q.seconds())) {
                    score.add(q.seconds(), q.score());
                    frechet.add(q.seconds(), q.frechet());
                }
            }
            scores.addSeries(score);
            distances.addSeries(frechet);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Time to quality", "seconds of training", "MNIST score", scores,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2c7a2c), new Color(0x9467bd), new Color(0xff7f0e)};
        XYLineAndShapeRenderer solid = new XYLineAndShapeRenderer(true, true);
        XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < runs.size(); i++) {
            solid.setSeriesPaint(i, colours[i % colours.length]);
            solid.setSeriesStroke(i, new BasicStroke(1.8f));
            dashed.setSeriesPaint(i, colours[i % colours.length]);
            dashed.setSeriesStroke(i, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        style(plot, solid, 0);
        rightAxis(plot, "Fréchet distance", distances, dashed);
        return new Plot("quality-time-beside", "Time to quality", png(chart, 900, 520));
    }

    /** Lines of y against x, one per named series ({x values, y values}), with points marked. */
    public static Plot lines(String name, String title, String xLabel, String yLabel, java.util.Map<String, double[][]> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (java.util.Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (int i = 0; i < e.getValue()[0].length; i++) {
                s.add(e.getValue()[0][i], e.getValue()[1][i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        style(chart.getXYPlot(), new XYLineAndShapeRenderer(true, true), data.getSeriesCount());
        return new Plot(name, title, png(chart, 900, 560));
    }

    /** A second data set on its own axis at the right, drawn by its own renderer. */
    private static void rightAxis(XYPlot plot, String label, XYSeriesCollection data, XYLineAndShapeRenderer renderer) {
        plot.setRangeAxis(1, new org.jfree.chart.axis.NumberAxis(label));
        plot.setDataset(1, data);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, renderer);
    }

    private static void style(XYPlot plot, XYLineAndShapeRenderer renderer, int series) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < series; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(renderer);
    }

    private static byte[] png(JFreeChart chart, int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double value(IterationMetrics m, String column) {
        switch (column) {
            case "d_loss": return m.dLoss();
            case "g_loss": return m.gLoss();
            case "d_real": return m.dReal();
            case "d_fake": return m.dFake();
            case "step_seconds": return m.stepSeconds();
            default: throw new IllegalArgumentException(column);
        }
    }

    private static Plot chart(String name, String title, String xLabel, List<IterationMetrics> rows, boolean wallTime, String[] columns) {
        XYSeriesCollection data = new XYSeriesCollection();
        // At most ~2000 points per series: a long run is thinned, not truncated.
        int stride = Math.max(1, rows.size() / 2000);
        for (String c : columns) {
            XYSeries s = new XYSeries(c, false, true);
            for (int i = 0; i < rows.size(); i += stride) {
                IterationMetrics m = rows.get(i);
                s.add(wallTime ? m.elapsedSeconds() : m.step(), value(m, c));
            }
            data.addSeries(s);
        }
        return render(name, title, xLabel, data, false);
    }

    private static Plot render(String name, String title, String xLabel, XYSeriesCollection data, boolean shapes) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, null, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        style(chart.getXYPlot(), new XYLineAndShapeRenderer(true, shapes), data.getSeriesCount());
        return new Plot(name, title, png(chart, 640, 360));
    }
}
