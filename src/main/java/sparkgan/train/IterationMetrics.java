package sparkgan.train;

/**
 * What one alternating iteration measured. d_real and d_fake are mean D(x) and mean D(G(z)) in the
 * (last) D step; d_accuracy is the share of that step's real and fake images D classified right.
 */
public record IterationMetrics(long step, double dLoss, double gLoss, DOutputs d, double stepSeconds, double elapsedSeconds) {
    /** D's mean output on the real and on the fake images of its (last) step, and its accuracy on them. */
    public record DOutputs(double real, double fake, double accuracy) {
    }

    public double dReal() {
        return d.real();
    }

    public double dFake() {
        return d.fake();
    }

    public double dAccuracy() {
        return d.accuracy();
    }

    public static final String CSV_HEADER = "step,d_loss,g_loss,d_real,d_fake,step_seconds,elapsed_seconds,d_accuracy";

    public String csvRow() {
        return String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.4f,%.3f,%.4f",
                step, dLoss, gLoss, d.real(), d.fake(), stepSeconds, elapsedSeconds, d.accuracy());
    }
}
