package sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import sparkgan.math.Blas;

/**
 * A fully connected layer, Y = X W + b. Its parameters: W as [in x out] row-major, then b [out].
 * Initial weights are uniform in +-sqrt(6 / (in + out)) (Glorot), biases zero.
 */
public record Dense(int inputWidth, int outputWidth) implements Layer {
    public Dense {
        if (inputWidth <= 0 || outputWidth <= 0) {
            throw new IllegalArgumentException("a dense layer needs positive widths, not " + inputWidth + " -> " + outputWidth);
        }
    }

    private int weights() {
        return inputWidth * outputWidth;
    }

    @Override
    public int paramCount() {
        return weights() + outputWidth;
    }

    @Override
    public void initialize(ParamSlice params, RandomGenerator rng) {
        params.fillGlorot(weights(), inputWidth, outputWidth, rng);
    }

    @Override
    public void markDecayed(boolean[] decayed, int offset) {
        Arrays.fill(decayed, offset, offset + weights(), true);
    }

    @Override
    public long macsPerRow() {
        return (long) inputWidth * outputWidth;
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int rows = batch.rows();
        float[] z = io.out();
        int bias = params.offset() + weights();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params.array(), bias, z, r * outputWidth, outputWidth);
        }
        Blas.gemm(false, false, rows, outputWidth, inputWidth, 1f, io.in(), 0, params.array(), params.offset(), 1f, z, 0);
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        int rows = batch.rows();
        float[] g = io.outGrad();
        if (gradient != null) {
            // dW += X^T dZ ; db += column sums of dZ
            Blas.gemm(true, false, inputWidth, outputWidth, rows, 1f, io.in(), 0, g, 0, 1f, gradient.array(), gradient.offset());
            float[] sums = gradient.array();
            int bias = gradient.offset() + weights();
            for (int r = 0; r < rows; r++) {
                int row = r * outputWidth;
                for (int j = 0; j < outputWidth; j++) {
                    sums[bias + j] += g[row + j];
                }
            }
        }
        if (wantInputGrad) {
            // dX = dZ W^T
            Blas.gemm(false, true, rows, inputWidth, outputWidth, 1f, g, 0, params.array(), params.offset(), 0f, io.inGrad(), 0);
        }
    }

    @Override
    public String toString() {
        return "dense " + inputWidth + "->" + outputWidth;
    }
}
