package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkgan.BadInputException;

/** The scaling line of docs/SCALING.md: its least squares and its kernel term, against cases worked by hand. */
class ScalingFitTest {
    /** Points made exactly from alpha = 120, beta = 40 on 2 cores: the fit must give them back and predict them exactly. */
    @Test
    void pointsOnTheLineGiveItsConstantsBack() {
        double[] kernel = {0, 0, 20, 60};  // K(B) at batches 2 (index 2) and 3
        List<ScalingFit.Point> points = new ArrayList<>();
        for (int batch = 2; batch <= 3; batch++) {
            for (int e = 1; e <= 4; e++) {
                // 2 syncs x (K / min(E, 2) + 120 + 40 E): e.g. batch 2, E = 3: 2 x (10 + 120 + 120) = 500
                double ms = 2 * (kernel[batch] / Math.min(e, 2) + 120 + 40 * e);
                points.add(new ScalingFit.Point(batch, e, 2, kernel[batch], ms));
            }
        }
        ScalingFit fit = ScalingFit.fit(points, 2);
        assertEquals(120, fit.alphaMs(), 1e-9);
        assertEquals(40, fit.betaMs(), 1e-9);
        for (ScalingFit.Point p : points) {
            assertEquals(p.msPerIteration(), fit.predictMs(p), 1e-9);
            assertEquals(0, fit.relativeError(p), 1e-12);
        }
    }

    /** Scattered points: the line through the per-sync overheads by least squares, worked by hand. */
    @Test
    void scatteredPointsGiveTheLeastSquaresLine() {
        // One sync, no kernel: overheads 10 at E = 1, 30 at E = 2, 20 at E = 3.
        // x mean 2, y mean 20; slope = sum((x-2)(y-20)) / sum((x-2)^2) = (10 + 0 + 0) / 2 = 5; alpha = 20 - 5 x 2 = 10.
        List<ScalingFit.Point> points = List.of(new ScalingFit.Point(8, 1, 1, 0, 10), new ScalingFit.Point(8, 2, 1, 0, 30),
                new ScalingFit.Point(8, 3, 1, 0, 20));
        ScalingFit fit = ScalingFit.fit(points, 4);
        assertEquals(5, fit.betaMs(), 1e-12);
        assertEquals(10, fit.alphaMs(), 1e-12);
        // Predicted 25 at E = 3, measured 20: the line is 25 % above the measurement.
        assertEquals(0.25, fit.relativeError(points.get(2)), 1e-12);
    }

    /** Kernels run in parallel only up to the machine's cores. */
    @Test
    void theKernelDividesByExecutorsOnlyUpToTheCores() {
        ScalingFit fit = new ScalingFit(0, 0, 2);
        assertEquals(50, fit.predictMs(new ScalingFit.Point(64, 2, 1, 100, 0)), 1e-12);
        assertEquals(50, fit.predictMs(new ScalingFit.Point(64, 4, 1, 100, 0)), 1e-12);
        assertEquals(100, new ScalingFit(0, 0, 4).predictMs(new ScalingFit.Point(64, 4, 4, 100, 0)), 1e-12);
    }

    @Test
    void oneExecutorCountIsNotALine() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ScalingFit.fit(List.of(new ScalingFit.Point(64, 2, 2, 10, 100), new ScalingFit.Point(256, 2, 2, 30, 150)), 2));
        assertTrue(e.getMessage().contains("two executor counts"), e.getMessage());
    }
}
