package sparkgan.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkgan.testing.LayerCheck;

/**
 * The transposed convolution against a float64 composition written out as loops (every input pixel
 * spreads its kernel-weighted value over the output): its output, and the gradients of the
 * parameters and of the input by finite differences, for stride 1 and 2, padding 0 and 1, even and
 * odd kernels, on a two-channel 3x4 input.
 */
class ConvTranspose2dGradientTest {
    private static final int ROWS = 3;

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}")
    @CsvSource({"3,1,0", "3,1,1", "3,2,0", "3,2,1", "4,2,1", "2,2,0"})
    void outputAndGradientsMatchTheFloat64Reference(int kernel, int stride, int padding) {
        ConvTranspose2d conv = new ConvTranspose2d(2, 3, 4, 3, kernel, stride, padding);
        LayerCheck.check(conv, (p, x, rows) -> convolve(conv, p, x, rows), ROWS, kernel * 100 + stride * 10 + padding);
    }

    /** The pre-activations by the definition: each input pixel adds W times itself at kernel offsets from its stride-scaled place. */
    private static double[] convolve(ConvTranspose2d conv, double[] p, double[] x, int rows) {
        int oh = conv.outHeight();
        int ow = conv.outWidth();
        int k = conv.kernel();
        int taps = conv.outChannels() * k * k;
        double[] out = new double[rows * conv.outputWidth()];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < conv.outChannels(); o++) {
                for (int i = 0; i < oh * ow; i++) {
                    out[r * conv.outputWidth() + o * oh * ow + i] = p[conv.inChannels() * taps + o];
                }
            }
            for (int ic = 0; ic < conv.inChannels(); ic++) {
                for (int iy = 0; iy < conv.inHeight(); iy++) {
                    for (int ix = 0; ix < conv.inWidth(); ix++) {
                        double v = x[r * conv.inputWidth() + (ic * conv.inHeight() + iy) * conv.inWidth() + ix];
                        for (int o = 0; o < conv.outChannels(); o++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int oy = iy * conv.stride() - conv.padding() + ky;
                                    int ox = ix * conv.stride() - conv.padding() + kx;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        out[r * conv.outputWidth() + (o * oh + oy) * ow + ox] += p[ic * taps + (o * k + ky) * k + kx] * v;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
