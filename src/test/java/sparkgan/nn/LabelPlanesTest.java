package sparkgan.nn;

import org.junit.jupiter.api.Test;
import sparkgan.testing.LayerCheck;

/** The label planes of a conditional convolutional D against their definition, gradients by finite differences. */
class LabelPlanesTest {
    @Test
    void outputAndGradientsMatchTheDefinition() {
        LabelPlanes planes = new LabelPlanes(2, 3, 5, 3);
        LayerCheck.check(planes, (p, x, rows) -> {
            int in = planes.inputWidth();
            int out = planes.outputWidth();
            double[] y = new double[rows * out];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < 30; i++) {
                    y[r * out + i] = x[r * in + i];
                }
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; i < 15; i++) {
                        y[r * out + 30 + k * 15 + i] = x[r * in + 30 + k];
                    }
                }
            }
            return y;
        }, 3, 17);
    }
}
