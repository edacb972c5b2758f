package sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training each unit is kept with probability 1 - rate and scaled by
 * 1 / (1 - rate), so inference passes the layer through unchanged. The mask is kept for backward.
 */
public record Dropout(float rate, int width) implements ElementWise {
    public Dropout {
        if (!(rate > 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate " + rate + ": expected a value in (0, 1)");
        }
    }

    @Override
    public int keptPerRow() {
        return width;
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int rows = batch.rows();
        float[] m = io.kept();
        float[] y = io.in();
        float[] x = io.out();
        int len = rows * width;
        if (training == null) {
            Arrays.fill(m, 0, len, 1f);
            System.arraycopy(y, 0, x, 0, len);
            return;
        }
        float keep = 1f - rate;
        float scale = 1f / keep;
        // Kept where u < keep for u = nextFloat() = (nextInt() >>> 8) / 2^24, i.e. where the 24-bit
        // integer is below ceil(keep * 2^24): the same draws and masks, decided by the sign of an integer
        // difference instead of a branch on a coin toss, which the CPU cannot predict.
        int below = (int) Math.ceil(keep * 0x1.0p24f);
        for (int i = 0; i < len; i++) {
            int u = training.nextInt() >>> 8;
            m[i] = scale * ((u - below) >>> 31);
            x[i] = y[i] * m[i];
        }
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        int rows = batch.rows();
        float[] m = io.kept();
        float[] g = io.outGrad();
        float[] dx = io.inGrad();
        for (int i = 0; i < rows * width; i++) {
            dx[i] = g[i] * m[i];
        }
    }

    @Override
    public String toString() {
        return "dropout " + rate;
    }
}
