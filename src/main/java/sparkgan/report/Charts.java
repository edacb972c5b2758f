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
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, null, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < columns.length; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        plot.setRenderer(renderer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, 640, 360);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Plot(name, title, out.toByteArray());
    }
}
