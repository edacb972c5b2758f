package sparkgan.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import sparkgan.math.Blas;

/**
 * A 2-D convolution over rows of NCHW images: {@code inChannels} planes of inHeight x inWidth in,
 * {@code outChannels} planes of outHeight x outWidth out, a square kernel, one stride and zero padding
 * for both axes. Parameters: W [outChannels x (inChannels * kernel * kernel)] row-major, then b
 * [outChannels]; weights Glorot-uniform, biases zero.
 *
 * <p>Each row is unfolded (im2col) into K = inChannels * kernel^2 rows of P = outHeight * outWidth
 * columns, kept for the backward pass, so that the forward pass is one sgemm per row (W times the
 * columns) and the backward pass two (the weights' gradient, and the columns' gradient that col2im
 * folds back onto the input).
 */
public record Conv2d(int inChannels, int inHeight, int inWidth, int outChannels, int kernel, int stride, int padding)
        implements ConvolutionLayer {
    public Conv2d {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0
                || inHeight + 2 * padding < kernel || inWidth + 2 * padding < kernel) {
            throw new IllegalArgumentException("convolution " + inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels
                    + ", kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
    }

    public int outHeight() {
        return (inHeight + 2 * padding - kernel) / stride + 1;
    }

    public int outWidth() {
        return (inWidth + 2 * padding - kernel) / stride + 1;
    }

    /** Rows of the unfolded input: one per (channel, kernel row, kernel column). */
    @Override
    public int patch() {
        return inChannels * kernel * kernel;
    }

    @Override
    public int positions() {
        return outHeight() * outWidth();
    }

    @Override
    public int inputWidth() {
        return inChannels * inHeight * inWidth;
    }

    @Override
    public int outputWidth() {
        return outChannels * positions();
    }

    @Override
    public int paramCount() {
        return outChannels * patch() + outChannels;
    }

    @Override
    public int matrixRows() {
        return outChannels;
    }

    @Override
    public int fanIn() {
        return patch();
    }

    @Override
    public int fanOut() {
        return outChannels * kernel * kernel;
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int rows = batch.rows();
        int[] source = unfolding();
        int k = patch();
        int p = positions();
        int bias = params.offset() + outChannels * k;
        for (int r = 0; r < rows; r++) {
            unfold(source, io.in(), r * inputWidth(), io.kept(), r * k * p);
            int out = r * outputWidth();
            for (int c = 0; c < outChannels; c++) {
                Arrays.fill(io.out(), out + c * p, out + (c + 1) * p, params.array()[bias + c]);
            }
            Blas.gemm(false, false, outChannels, p, k, 1f, params.array(), params.offset(), io.kept(), r * k * p, 1f, io.out(), out);
        }
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        int rows = batch.rows();
        int[] source = unfolding();
        int k = patch();
        int p = positions();
        for (int r = 0; r < rows; r++) {
            int g = r * outputWidth();
            int cols = r * k * p;
            if (gradient != null) {
                // dW += dY cols^T ; db += each output plane's sum
                Blas.gemm(false, true, outChannels, k, p, 1f, io.outGrad(), g, io.kept(), cols, 1f, gradient.array(), gradient.offset());
                addPlaneSums(io.outGrad(), g, outChannels, p, gradient.shift(outChannels * k));
            }
            if (wantInputGrad) {
                // The columns are spent: their gradient W^T dY takes their place, then folds onto the input.
                Blas.gemm(true, false, k, p, outChannels, 1f, params.array(), params.offset(), io.outGrad(), g, 0f, io.kept(), cols);
                fold(source, inputWidth(), io.kept(), cols, io.inGrad(), r * inputWidth());
            }
        }
    }

    /** A bias's gradient: the sum of each of {@code channels} output planes of {@code plane} values, added into {@code biasGradient}. */
    static void addPlaneSums(float[] outGrad, int offset, int channels, int plane, ParamSlice biasGradient) {
        for (int c = 0; c < channels; c++) {
            float sum = 0f;
            for (int i = offset + c * plane; i < offset + (c + 1) * plane; i++) {
                sum += outGrad[i];
            }
            biasGradient.add(c, sum);
        }
    }

    /** The unfolding of each geometry, computed once: shared by every thread (it is never written after). */
    private static final Map<Conv2d, int[]> UNFOLDING = new ConcurrentHashMap<>();

    /**
     * Where each entry of the unfolded columns comes from: row (channel, ky, kx), column (oy, ox) reads
     * the input at (oy * stride - padding + ky, ox * stride - padding + kx) of that channel, or -1 (a
     * zero of the padding) outside.
     */
    int[] unfolding() {
        return UNFOLDING.computeIfAbsent(this, Conv2d::sources);
    }

    private static int[] sources(Conv2d g) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int[] source = new int[g.patch() * g.positions()];
        int j = 0;
        for (int c = 0; c < g.inChannels; c++) {
            for (int ky = 0; ky < g.kernel; ky++) {
                for (int kx = 0; kx < g.kernel; kx++) {
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * g.stride - g.padding + ky;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * g.stride - g.padding + kx;
                            boolean inside = iy >= 0 && iy < g.inHeight && ix >= 0 && ix < g.inWidth;
                            source[j++] = inside ? (c * g.inHeight + iy) * g.inWidth + ix : -1;
                        }
                    }
                }
            }
        }
        return source;
    }

    /** im2col: one row of input into its columns, by the geometry's {@link #unfolding}. */
    static void unfold(int[] source, float[] in, int inOff, float[] cols, int colOff) {
        for (int j = 0; j < source.length; j++) {
            cols[colOff + j] = source[j] < 0 ? 0f : in[inOff + source[j]];
        }
    }

    /** col2im: the input gradient is the sum of the column gradients of every place a pixel was unfolded to. */
    static void fold(int[] source, int inputWidth, float[] cols, int colOff, float[] inGrad, int inOff) {
        Arrays.fill(inGrad, inOff, inOff + inputWidth, 0f);
        for (int j = 0; j < source.length; j++) {
            if (source[j] >= 0) {
                inGrad[inOff + source[j]] += cols[colOff + j];
            }
        }
    }

    @Override
    public String toString() {
        return "conv " + inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels + "x" + outHeight() + "x" + outWidth()
                + " (kernel " + kernel + ", stride " + stride + ", padding " + padding + ")";
    }
}
