package sparkgan.nn;

import java.util.random.RandomGenerator;

/**
 * Instance noise (Sønderby et al. 2016; Arjovsky and Bottou 2017): in training, Gaussian noise of
 * standard deviation {@code stddev} is added to the first {@code noisy} of the layer's inputs (D's
 * pixels, not a conditional D's label columns), so that the real and the fake distributions overlap
 * and D's gradient to G stays informative while they are still far apart. Inference passes the input
 * through. The noise is a constant of the pass: the gradient flows through unchanged.
 */
public record InstanceNoise(float stddev, int width, int noisy) implements ElementWise {
    public InstanceNoise {
        if (!(stddev > 0f) || noisy <= 0 || noisy > width) {
            throw new IllegalArgumentException("instance noise of stddev " + stddev + " on " + noisy + " of " + width + " inputs");
        }
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int rows = batch.rows();
        float[] x = io.in();
        float[] y = io.out();
        System.arraycopy(x, 0, y, 0, rows * width);
        if (training == null) {
            return;
        }
        // Drawn row by row, column by column, from the pass's stream: a retried task adds the same noise.
        for (int r = 0; r < rows; r++) {
            for (int c = r * width; c < r * width + noisy; c++) {
                y[c] += (float) (stddev * training.nextGaussian());
            }
        }
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        int rows = batch.rows();
        if (wantInputGrad) {
            System.arraycopy(io.outGrad(), 0, io.inGrad(), 0, rows * width);
        }
    }

    @Override
    public String toString() {
        return "instance noise " + stddev;
    }
}
