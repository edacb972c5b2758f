package sparkgan.math;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Forward and backward passes of an {@link MlpSpec} over a batch of rows, on workspaces that are
 * allocated once and reused while the batch does not grow. Not thread-safe: one per thread.
 *
 * <p>Layer l computes Z = X W + b, Y = f(Z), then (hidden layers, training only) inverted dropout
 * X' = Y * mask / keep, which feeds layer l+1. The backward pass takes dLoss/dOutput and accumulates
 * parameter gradient sums over the rows (not means: the driver divides by the global batch), and
 * can also return dLoss/dInput, which is how the generator's error flows back through D.
 */
public final class Mlp {
    private final MlpSpec spec;
    private final int layers;
    /** post[l] = f(Z_l) for layer l (index 1..L); post[0] is the input. */
    private final float[][] post;
    /** in[l] = what layer l+1 reads: post[l], or its dropped-out copy. */
    private final float[][] in;
    private final float[][] mask;
    private final float[][] grad;
    private int capacity;
    private int rows;

    public Mlp(MlpSpec spec) {
        this.spec = spec;
        this.layers = spec.layers();
        post = new float[layers + 1][];
        in = new float[layers + 1][];
        mask = new float[layers + 1][];
        grad = new float[layers + 1][];
    }

    public MlpSpec spec() {
        return spec;
    }

    /** Makes room for {@code n} rows; the input buffer returned by {@link #input()} is then valid. */
    public void ensureRows(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = Math.max(n, capacity + capacity / 2);
        for (int l = 0; l <= layers; l++) {
            int width = spec.size(l);
            post[l] = new float[capacity * width];
            grad[l] = new float[capacity * width];
            boolean dropped = l > 0 && l < layers && spec.dropout() > 0f;
            mask[l] = dropped ? new float[capacity * width] : null;
            in[l] = dropped ? new float[capacity * width] : post[l];
        }
    }

    /** The input buffer, rows x inputSize, row-major; fill it before {@link #forward}. */
    public float[] input() {
        return post[0];
    }

    /** The output of the last forward pass, rows x outputSize. */
    public float[] output() {
        return post[layers];
    }

    /** dLoss/dOutput buffer for {@link #backward}, rows x outputSize. */
    public float[] outputGrad() {
        return grad[layers];
    }

    /** dLoss/dInput after a {@link #backward} with input gradients on, rows x inputSize. */
    public float[] inputGrad() {
        return grad[0];
    }

    public int rows() {
        return rows;
    }

    /** What layer l+1 read in the last forward pass: layer l's activations after dropout, rows x width. */
    public float[] layerInput(int l) {
        return in[l];
    }

    /** Layer {@code l}'s activations of the last forward pass (1..layers; before dropout), rows x width. */
    public float[] layerOutput(int l) {
        return post[l];
    }

    /**
     * Forward pass over the first {@code n} rows of {@link #input()}.
     *
     * @param dropoutRng masks are drawn from it in training; null means inference (no dropout)
     */
    public void forward(float[] params, int n, RandomGenerator dropoutRng) {
        ensureRows(n);
        rows = n;
        for (int l = 0; l < layers; l++) {
            int fanIn = spec.size(l);
            int fanOut = spec.size(l + 1);
            float[] z = post[l + 1];
            int bOff = spec.biasOffset(l);
            for (int r = 0; r < n; r++) {
                System.arraycopy(params, bOff, z, r * fanOut, fanOut);
            }
            Blas.gemm(false, false, n, fanOut, fanIn, 1f, in[l], 0, params, spec.weightOffset(l), 1f, z, 0);
            spec.activation(l).apply(z, 0, n * fanOut);
            int out = l + 1;
            if (mask[out] != null) {
                applyDropout(out, n * fanOut, dropoutRng);
            }
        }
    }

    private void applyDropout(int layer, int len, RandomGenerator rng) {
        float[] m = mask[layer];
        float[] y = post[layer];
        float[] x = in[layer];
        if (rng == null) {
            // Inference: inverted dropout needs no rescaling, the layer passes through.
            Arrays.fill(m, 0, len, 1f);
            System.arraycopy(y, 0, x, 0, len);
            return;
        }
        float keep = 1f - spec.dropout();
        float scale = 1f / keep;
        // Kept where u < keep for u = nextFloat() = (nextInt() >>> 8) / 2^24, i.e. where the 24-bit
        // integer is below ceil(keep * 2^24): the same draws and masks, decided by the sign of an integer
        // difference instead of a branch on a coin toss, which the CPU cannot predict.
        int below = (int) Math.ceil(keep * 0x1.0p24f);
        for (int i = 0; i < len; i++) {
            int u = rng.nextInt() >>> 8;
            m[i] = scale * ((u - below) >>> 31);
            x[i] = y[i] * m[i];
        }
    }

    /**
     * Backward pass of the last forward pass. {@link #outputGrad()} must hold dLoss/dOutput.
     *
     * @param paramGrad gradient sums are added into it at {@code gradOff}; null skips them (frozen net)
     * @param wantInputGrad whether to compute {@link #inputGrad()}
     */
    public void backward(float[] params, float[] paramGrad, int gradOff, boolean wantInputGrad) {
        backward(params, paramGrad, gradOff, wantInputGrad, null);
    }

    /**
     * As above, with {@code extraLastHiddenGrad} (rows x width of the last hidden layer, or null):
     * dLoss/d{@link #layerInput}(layers-1) from terms outside the MLP that read that layer (a
     * projection discriminator's class term), added to what flows back from the output layer.
     */
    public void backward(float[] params, float[] paramGrad, int gradOff, boolean wantInputGrad, float[] extraLastHiddenGrad) {
        int n = rows;
        for (int l = layers - 1; l >= 0; l--) {
            int out = l + 1;
            int fanIn = spec.size(l);
            int fanOut = spec.size(out);
            float[] g = grad[out];
            int len = n * fanOut;
            if (mask[out] != null) {
                float[] m = mask[out];
                for (int i = 0; i < len; i++) {
                    g[i] *= m[i];
                }
            }
            spec.activation(l).backward(post[out], g, 0, len);
            if (paramGrad != null) {
                // dW += X^T dZ ; db += column sums of dZ
                Blas.gemm(true, false, fanIn, fanOut, n, 1f, in[l], 0, g, 0, 1f,
                        paramGrad, gradOff + spec.weightOffset(l));
                int bOff = gradOff + spec.biasOffset(l);
                for (int r = 0; r < n; r++) {
                    int row = r * fanOut;
                    for (int j = 0; j < fanOut; j++) {
                        paramGrad[bOff + j] += g[row + j];
                    }
                }
            }
            if (l > 0 || wantInputGrad) {
                // dX = dZ W^T
                Blas.gemm(false, true, n, fanIn, fanOut, 1f, g, 0, params, spec.weightOffset(l), 0f, grad[l], 0);
                if (extraLastHiddenGrad != null && l == layers - 1) {
                    float[] gl = grad[l];
                    for (int i = 0; i < n * fanIn; i++) {
                        gl[i] += extraLastHiddenGrad[i];
                    }
                }
            }
        }
    }
}
