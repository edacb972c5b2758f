package sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import sparkgan.math.Blas;

/**
 * A transposed 2-D convolution (the adjoint of {@link Conv2d}, which G uses to grow images):
 * {@code inChannels} planes of inHeight x inWidth in, {@code outChannels} planes of
 * ((in - 1) * stride - 2 * padding + kernel) on each side out. Parameters: W [inChannels x
 * (outChannels * kernel * kernel)] row-major, then b [outChannels]; weights Glorot-uniform.
 *
 * <p>Forward: the columns W^T x (one sgemm per row) fold onto the output (col2im of the convolution
 * this is the adjoint of); backward: the output gradient unfolds (im2col) and two sgemms give the
 * input's and the weights' gradients. Rows are flat NCHW, so a dense layer of C * H * W outputs feeds
 * it directly: no reshape is needed.
 */
public record ConvTranspose2d(int inChannels, int inHeight, int inWidth, int outChannels, int kernel, int stride, int padding)
        implements ConvolutionLayer {
    public ConvTranspose2d {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0
                || (inHeight - 1) * stride - 2 * padding + kernel <= 0 || (inWidth - 1) * stride - 2 * padding + kernel <= 0) {
            throw new IllegalArgumentException("transposed convolution " + inChannels + "x" + inHeight + "x" + inWidth + " -> "
                    + outChannels + ", kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
    }

    public int outHeight() {
        return (inHeight - 1) * stride - 2 * padding + kernel;
    }

    public int outWidth() {
        return (inWidth - 1) * stride - 2 * padding + kernel;
    }

    /** The convolution from this layer's output space to its input space, whose im2col and col2im it borrows. */
    private Conv2d adjoint() {
        return new Conv2d(outChannels, outHeight(), outWidth(), inChannels, kernel, stride, padding);
    }

    /** Rows of the columns: one per (output channel, kernel row, kernel column). */
    @Override
    public int patch() {
        return outChannels * kernel * kernel;
    }

    @Override
    public int positions() {
        return inHeight * inWidth;
    }

    @Override
    public int inputWidth() {
        return inChannels * positions();
    }

    @Override
    public int outputWidth() {
        return outChannels * outHeight() * outWidth();
    }

    @Override
    public int paramCount() {
        return inChannels * patch() + outChannels;
    }

    @Override
    public int matrixRows() {
        return inChannels;
    }

    @Override
    public int fanIn() {
        return inChannels * kernel * kernel;
    }

    @Override
    public int fanOut() {
        return patch();
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int rows = batch.rows();
        Conv2d adjoint = adjoint();
        int[] source = adjoint.unfolding();
        int k = patch();
        int p = positions();
        int plane = outHeight() * outWidth();
        int bias = params.offset() + inChannels * k;
        for (int r = 0; r < rows; r++) {
            int cols = r * k * p;
            Blas.gemm(true, false, k, p, inChannels, 1f, params.array(), params.offset(), io.in(), r * inputWidth(), 0f, io.kept(), cols);
            int out = r * outputWidth();
            Conv2d.fold(source, outputWidth(), io.kept(), cols, io.out(), out);
            for (int c = 0; c < outChannels; c++) {
                float b = params.array()[bias + c];
                for (int i = out + c * plane; i < out + (c + 1) * plane; i++) {
                    io.out()[i] += b;
                }
            }
        }
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        int rows = batch.rows();
        Conv2d adjoint = adjoint();
        int[] source = adjoint.unfolding();
        int k = patch();
        int p = positions();
        int plane = outHeight() * outWidth();
        for (int r = 0; r < rows; r++) {
            int cols = r * k * p;
            int g = r * outputWidth();
            Conv2d.unfold(source, io.outGrad(), g, io.kept(), cols);
            if (gradient != null) {
                // dW += x dcols^T ; db += each output plane's sum
                Blas.gemm(false, true, inChannels, k, p, 1f, io.in(), r * inputWidth(), io.kept(), cols, 1f,
                        gradient.array(), gradient.offset());
                Conv2d.addPlaneSums(io.outGrad(), g, outChannels, plane, gradient.shift(inChannels * k));
            }
            if (wantInputGrad) {
                Blas.gemm(false, false, inChannels, p, k, 1f, params.array(), params.offset(), io.kept(), cols, 0f,
                        io.inGrad(), r * inputWidth());
            }
        }
    }

    @Override
    public String toString() {
        return "transposed conv " + inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels + "x" + outHeight() + "x"
                + outWidth() + " (kernel " + kernel + ", stride " + stride + ", padding " + padding + ")";
    }
}
