package sparkgan.nn;

import java.util.random.RandomGenerator;

/**
 * A conditional discriminator's input made fit for convolutions: each row of C x H x W pixels followed
 * by K one-hot label columns becomes C + K planes of H x W, plane C + k filled with column k's value
 * (all ones for a row of class k, zeros otherwise), the label concatenation of conditional GANs
 * (Mirza and Osindero 2014) in the form convolutional D's take it. Linear and without parameters: the
 * pixels' gradient passes through, a label column's is the sum over its plane.
 */
public record LabelPlanes(int channels, int height, int width, int classes) implements Layer {
    public LabelPlanes {
        if (channels <= 0 || height <= 0 || width <= 0 || classes <= 0) {
            throw new IllegalArgumentException("label planes of " + classes + " classes on " + channels + "x" + height + "x" + width);
        }
    }

    private int pixels() {
        return channels * height * width;
    }

    @Override
    public int inputWidth() {
        return pixels() + classes;
    }

    @Override
    public int outputWidth() {
        return (channels + classes) * height * width;
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int px = pixels();
        int plane = height * width;
        int in = inputWidth();
        int out = outputWidth();
        for (int r = 0; r < batch.rows(); r++) {
            System.arraycopy(io.in(), r * in, io.out(), r * out, px);
            for (int k = 0; k < classes; k++) {
                java.util.Arrays.fill(io.out(), r * out + px + k * plane, r * out + px + (k + 1) * plane, io.in()[r * in + px + k]);
            }
        }
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        if (!wantInputGrad) {
            return;
        }
        int px = pixels();
        int plane = height * width;
        int in = inputWidth();
        int out = outputWidth();
        float[] g = io.outGrad();
        for (int r = 0; r < batch.rows(); r++) {
            System.arraycopy(g, r * out, io.inGrad(), r * in, px);
            for (int k = 0; k < classes; k++) {
                float sum = 0f;
                for (int i = r * out + px + k * plane; i < r * out + px + (k + 1) * plane; i++) {
                    sum += g[i];
                }
                io.inGrad()[r * in + px + k] = sum;
            }
        }
    }

    @Override
    public String toString() {
        return "label planes " + classes;
    }
}
