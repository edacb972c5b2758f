package sparkgan.nn;

import java.util.random.RandomGenerator;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) of {@code channels} channels of {@code plane} values
 * each (a dense layer's outputs: plane 1). In training each channel is normalised by the mean and
 * variance over the rows of its segment and the plane, on each partition's slice: with P partitions
 * that is P ghost batches, and the result is bit-identical for a given partitioning. Then y = gamma *
 * x-hat + beta. Inference normalises by the running statistics instead.
 *
 * <p>Parameters: gamma [C] (starting at 1), beta [C] (0), then the running mean [C] (0) and variance
 * [C] (1). The running statistics are no gradient's business: a training backward pass puts the
 * batch's per-row channel means and mean squares in their gradient slots, the exact sum over the
 * partitions divided by the batch gives the batch's mean and E[x^2], and {@link #takeStatistics}
 * turns them into a moving average on the driver and clears the slots before the optimizer sees them.
 */
public record BatchNorm(int channels, int plane, float momentum) implements ElementWise {
    private static final float EPSILON = 1e-5f;

    public BatchNorm {
        if (channels <= 0 || plane <= 0 || !(momentum > 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("batch normalisation of " + channels + " x " + plane + ", momentum " + momentum);
        }
    }

    @Override
    public int width() {
        return channels * plane;
    }

    @Override
    public int paramCount() {
        return 4 * channels;
    }

    @Override
    public void initialize(ParamSlice params, RandomGenerator rng) {
        for (int c = 0; c < channels; c++) {
            params.array()[params.offset() + c] = 1f;
            params.array()[params.offset() + 3 * channels + c] = 1f;
        }
    }

    /**
     * x-hat of every row, then per segment and channel three values: the inverse deviation, and the
     * sum over the segment's rows of each row's channel mean and mean square (room for one segment a row).
     */
    @Override
    public int keptPerRow() {
        return width() + 3 * channels;
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        int rows = batch.rows();
        float[] p = params.array();
        int o = params.offset();
        if (training == null) {
            for (int c = 0; c < channels; c++) {
                float inv = (float) (1.0 / Math.sqrt(p[o + 3 * channels + c] + EPSILON));
                float scale = p[o + c] * inv;
                float shift = p[o + channels + c] - p[o + 2 * channels + c] * scale;
                for (int r = 0; r < rows; r++) {
                    for (int i = (r * channels + c) * plane; i < (r * channels + c + 1) * plane; i++) {
                        io.out()[i] = io.in()[i] * scale + shift;
                    }
                }
            }
            return;
        }
        for (int start = 0, s = 0; start < rows; start += batch.segment(), s++) {
            int end = Math.min(rows, start + batch.segment());
            for (int c = 0; c < channels; c++) {
                normalise(p, o, io, start, end, c, rows * width() + 3 * (s * channels + c));
            }
        }
    }

    /** One channel of rows [start, end): its statistics, x-hat kept, y written; the inverse deviation and the sums kept at {@code at}. */
    private void normalise(float[] p, int o, LayerBuffers io, int start, int end, int c, int at) {
        double sum = 0;
        double squares = 0;
        for (int r = start; r < end; r++) {
            for (int i = (r * channels + c) * plane; i < (r * channels + c + 1) * plane; i++) {
                sum += io.in()[i];
                squares += (double) io.in()[i] * io.in()[i];
            }
        }
        double m = (double) (end - start) * plane;
        double mean = sum / m;
        float inv = (float) (1.0 / Math.sqrt(Math.max(0.0, squares / m - mean * mean) + EPSILON));
        io.kept()[at] = inv;
        io.kept()[at + 1] = (float) (sum / plane);
        io.kept()[at + 2] = (float) (squares / plane);
        float gamma = p[o + c];
        float beta = p[o + channels + c];
        for (int r = start; r < end; r++) {
            for (int i = (r * channels + c) * plane; i < (r * channels + c + 1) * plane; i++) {
                float xhat = (float) (io.in()[i] - mean) * inv;
                io.kept()[i] = xhat;
                io.out()[i] = gamma * xhat + beta;
            }
        }
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        int rows = batch.rows();
        for (int start = 0, s = 0; start < rows; start += batch.segment(), s++) {
            int end = Math.min(rows, start + batch.segment());
            for (int c = 0; c < channels; c++) {
                backwardChannel(params, io, start, end, c, rows * width() + 3 * (s * channels + c), gradient, wantInputGrad);
            }
        }
    }

    private void backwardChannel(ParamSlice params, LayerBuffers io, int start, int end, int c, int at, ParamSlice gradient,
                                 boolean wantInputGrad) {
        float inv = io.kept()[at];
        float[] xhat = io.kept();
        float[] dy = io.outGrad();
        double dBeta = 0;
        double dGamma = 0;
        for (int r = start; r < end; r++) {
            for (int i = (r * channels + c) * plane; i < (r * channels + c + 1) * plane; i++) {
                dBeta += dy[i];
                dGamma += (double) dy[i] * xhat[i];
            }
        }
        if (gradient != null) {
            gradient.add(c, (float) dGamma);
            gradient.add(channels + c, (float) dBeta);
            // Each row's channel mean and mean square, summed: the running statistics' slots.
            gradient.add(2 * channels + c, io.kept()[at + 1]);
            gradient.add(3 * channels + c, io.kept()[at + 2]);
        }
        if (wantInputGrad) {
            // dx = gamma * inv / M * (M dy - sum(dy) - x-hat sum(dy x-hat))
            float gamma = params.get(c);
            double m = (double) (end - start) * plane;
            float scale = (float) (gamma * inv / m);
            for (int r = start; r < end; r++) {
                for (int i = (r * channels + c) * plane; i < (r * channels + c + 1) * plane; i++) {
                    io.inGrad()[i] = scale * (float) (m * dy[i] - dBeta - xhat[i] * dGamma);
                }
            }
        }
    }

    @Override
    public void takeStatistics(ParamSlice params, ParamSlice meanGradient) {
        for (int c = 0; c < channels; c++) {
            float mean = meanGradient.get(2 * channels + c);
            float variance = Math.max(0f, meanGradient.get(3 * channels + c) - mean * mean);
            int m = params.offset() + 2 * channels + c;
            int v = params.offset() + 3 * channels + c;
            params.array()[m] = (1 - momentum) * params.array()[m] + momentum * mean;
            params.array()[v] = (1 - momentum) * params.array()[v] + momentum * variance;
            meanGradient.array()[meanGradient.offset() + 2 * channels + c] = 0f;
            meanGradient.array()[meanGradient.offset() + 3 * channels + c] = 0f;
        }
    }

    @Override
    public String toString() {
        return "batch norm " + channels + (plane > 1 ? "x" + plane : "");
    }
}
