package sparkgan.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkgan.testing.LayerCheck;

/**
 * The convolution against a float64 composition written out as loops: its output, and the
 * gradients of the parameters and of the input by finite differences, for stride 1 and 2, padding
 * 0 and 1, an even and odd kernel, on an odd-sized input with two channels.
 */
class Conv2dGradientTest {
    private static final int ROWS = 3;

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"3,1,0", "3,1,1", "3,2,0", "3,2,1", "2,2,1", "1,1,0"})
    void outputAndGradientsMatchTheFloat64Reference(int kernel, int stride, int padding) {
        Conv2d conv = new Conv2d(2, 5, 6, 3, kernel, stride, padding);
        LayerCheck.check(conv, (p, x, rows) -> convolve(conv, p, x, rows), ROWS, kernel * 100 + stride * 10 + padding);
    }

    /** The convolution's pre-activations by the definition: a sum over channels and kernel taps, zero outside. */
    private static double[] convolve(Conv2d conv, double[] p, double[] x, int rows) {
        int oh = conv.outHeight();
        int ow = conv.outWidth();
        int k = conv.kernel();
        int taps = conv.inChannels() * k * k;
        double[] out = new double[rows * conv.outputWidth()];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < conv.outChannels(); o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double z = p[conv.outChannels() * taps + o];
                        for (int ch = 0; ch < conv.inChannels(); ch++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * conv.stride() - conv.padding() + ky;
                                    int ix = ox * conv.stride() - conv.padding() + kx;
                                    if (iy >= 0 && iy < conv.inHeight() && ix >= 0 && ix < conv.inWidth()) {
                                        z += p[o * taps + (ch * k + ky) * k + kx]
                                                * x[r * conv.inputWidth() + (ch * conv.inHeight() + iy) * conv.inWidth() + ix];
                                    }
                                }
                            }
                        }
                        out[r * conv.outputWidth() + (o * oh + oy) * ow + ox] = z;
                    }
                }
            }
        }
        return out;
    }
}
