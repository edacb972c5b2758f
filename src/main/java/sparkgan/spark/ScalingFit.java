package sparkgan.spark;

import java.util.List;
import sparkgan.BadInputException;

/**
 * The measured scaling line of docs/SCALING.md, for executors that share one machine: an iteration
 * of s syncs on E single-core executors takes
 * <pre>  s x (K(B) / min(E, cores) + alpha + beta x E)  ms</pre>
 * with K(B) the single-core kernel of one sync over the global batch (measured on one executor),
 * alpha the per-sync cost that does not depend on E and beta what each executor adds to a sync (its
 * payload's serialization and deserialization, its task). Kernels run in parallel only up to the
 * machine's cores. alpha and beta come from a least-squares line; arithmetic only.
 *
 * @param alphaMs per-sync cost independent of the executor count
 * @param betaMs per-sync cost of each executor
 * @param cores cores the executors share
 */
public record ScalingFit(double alphaMs, double betaMs, int cores) {
    /**
     * One measured case.
     *
     * @param kernelMs the single-core kernel of one sync over the global batch at this batch
     *     (the one-executor run's), not this run's
     */
    public record Point(int batch, int executors, int syncs, double kernelMs, double msPerIteration) {
        /** The per-sync time left once the kernel's share is taken out: the line's y. */
        double overheadPerSync(int cores) {
            return msPerIteration / syncs - kernelMs / Math.min(executors, cores);
        }
    }

    /** The least-squares alpha and beta through the points' per-sync overheads against E. */
    public static ScalingFit fit(List<Point> points, int cores) {
        if (points.stream().mapToInt(Point::executors).distinct().count() < 2) {
            throw new BadInputException("the scaling fit needs measurements at two executor counts at least, got "
                    + points.stream().map(Point::executors).distinct().toList());
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).executors();
            y[i] = points.get(i).overheadPerSync(cores);
        }
        sparkgan.math.LineFit line = sparkgan.math.LineFit.fit(x, y);
        return new ScalingFit(line.intercept(), line.slope(), cores);
    }

    /** The line's milliseconds per iteration for a case. */
    public double predictMs(Point p) {
        return p.syncs() * (p.kernelMs() / Math.min(p.executors(), cores) + alphaMs + betaMs * p.executors());
    }

    /** The line's error on a case, relative to the measurement: (predicted - measured) / measured. */
    public double relativeError(Point p) {
        return (predictMs(p) - p.msPerIteration()) / p.msPerIteration();
    }
}
