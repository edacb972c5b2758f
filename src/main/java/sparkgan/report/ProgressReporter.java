package sparkgan.report;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import sparkgan.train.IterationMetrics;

/**
 * Shows training as it happens: a progress bar (ETA, steps/s, images/s, latest losses, D(x),
 * D(G(z))) on a terminal, and a plain line every N iterations when the output is a file or a pipe.
 */
public final class ProgressReporter implements AutoCloseable {
    private final long total;
    private final int batch;
    private final int logEvery;
    private final PrintStream out;
    private final ProgressBar bar;
    private int maxSeconds;

    public ProgressReporter(long start, long total, int batch, int logEvery, PrintStream out, boolean terminal) {
        this.total = total;
        this.batch = batch;
        this.logEvery = logEvery;
        this.out = out;
        this.bar = terminal
                ? new ProgressBarBuilder().setTaskName("train").setInitialMax(total).startsFrom(start, java.time.Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                        .setUnit(" it", 1).build()
                : null;
    }

    /** With a time budget (train.maxSeconds), the ETA is whichever end comes first. */
    public ProgressReporter withTimeBudget(int seconds) {
        this.maxSeconds = seconds;
        return this;
    }

    /** Whether stdout is an interactive terminal. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    public void update(IterationMetrics m) {
        double perStep = m.stepSeconds();
        String stats = String.format(Locale.ROOT, "d %.3f g %.3f D(x) %.2f D(G(z)) %.2f %.0f img/s",
                m.dLoss(), m.gLoss(), m.dReal(), m.dFake(), perStep > 0 ? 2.0 * batch / perStep : 0);
        if (bar != null) {
            bar.stepTo(m.step());
            bar.setExtraMessage(stats);
        } else if (m.step() % logEvery == 0 || m.step() == total) {
            out.println(line(m, total, batch, maxSeconds));
        }
    }

    /** The plain-log line. */
    public static String line(IterationMetrics m, long total, int batch, int maxSeconds) {
        double perStep = m.elapsedSeconds() / Math.max(1, m.step());
        long eta = Math.round(perStep * (total - m.step()));
        if (maxSeconds > 0) {
            eta = Math.max(0, Math.min(eta, Math.round(maxSeconds - m.elapsedSeconds())));
        }
        return String.format(Locale.ROOT,
                "step %d/%d  d_loss %.4f  g_loss %.4f  D(x) %.3f  D(G(z)) %.3f  D acc %.2f  %.0f ms/step  %.1f it/s  %.0f img/s  ETA %dm%02ds",
                m.step(), total, m.dLoss(), m.gLoss(), m.dReal(), m.dFake(), m.dAccuracy(), 1000 * m.stepSeconds(),
                m.stepSeconds() > 0 ? 1 / m.stepSeconds() : 0, m.stepSeconds() > 0 ? 2.0 * batch / m.stepSeconds() : 0,
                eta / 60, eta % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
