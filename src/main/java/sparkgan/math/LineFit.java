package sparkgan.math;

/**
 * The least-squares line y = intercept + slope x through points (x[i], y[i]): the fits of the
 * scaling measurements (overhead against executors, kernel time against batch).
 */
public record LineFit(double intercept, double slope) {
    /** Needs two distinct x values at least (else the slope is undefined: NaN). */
    public static LineFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values for " + y.length + " y values");
        }
        double n = x.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new LineFit((sy - slope * sx) / n, slope);
    }
}
