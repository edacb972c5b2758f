package sparkgan.nn;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Forward and backward passes of a {@link Network} over a batch of rows, on buffers allocated once
 * and reused while the batch does not grow. Not thread-safe: one per thread.
 *
 * <p>The backward pass adds parameter gradient sums over the rows (not means: the driver divides by
 * the global batch) and can return dLoss/dInput, which is how the generator's error flows back
 * through D. Heads that read the input of the last layer ({@link #features()}) pass their gradient
 * in through {@code featureGrad}.
 */
public final class NetworkPass {
    private final Network network;
    private final List<Layer> layers;
    /** act[i] is layer i's input, act[i + 1] its output (the same array for an in-place layer). */
    private final float[][] act;
    private final float[][] grad;
    private final float[][] kept;
    /** Whether a layer before layer i owns parameters: only then does layer i owe its input gradient to them. */
    private final boolean[] paramsBefore;
    private LayerBuffers[] io;
    private int capacity;
    private Batch batch = Batch.of(0);

    public NetworkPass(Network network) {
        this.network = network;
        this.layers = network.layers();
        act = new float[layers.size() + 1][];
        grad = new float[layers.size() + 1][];
        kept = new float[layers.size()][];
        paramsBefore = new boolean[layers.size()];
        for (int i = 1; i < layers.size(); i++) {
            paramsBefore[i] = paramsBefore[i - 1] || layers.get(i - 1).paramCount() > 0;
        }
    }

    public Network network() {
        return network;
    }

    /** Makes room for {@code n} rows; the buffer returned by {@link #input()} is then valid. */
    public void ensureRows(int n) {
        if (n <= capacity) {
            return;
        }
        capacity = Math.max(n, capacity + capacity / 2);
        act[0] = new float[capacity * network.inputWidth()];
        grad[0] = new float[capacity * network.inputWidth()];
        io = new LayerBuffers[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            boolean shared = layer.inPlace();
            act[i + 1] = shared ? act[i] : new float[capacity * layer.outputWidth()];
            grad[i + 1] = shared ? grad[i] : new float[capacity * layer.outputWidth()];
            kept[i] = layer.keptPerRow() > 0 ? new float[capacity * layer.keptPerRow()] : null;
            io[i] = new LayerBuffers(act[i], act[i + 1], kept[i], grad[i], grad[i + 1]);
        }
    }

    /** The input buffer, rows x inputWidth, row-major; fill it before {@link #forward}. */
    public float[] input() {
        return act[0];
    }

    /** The output of the last forward pass, rows x outputWidth. */
    public float[] output() {
        return act[layers.size()];
    }

    /** dLoss/dOutput for {@link #backward}, rows x outputWidth. */
    public float[] outputGrad() {
        return grad[layers.size()];
    }

    /** dLoss/dInput after a {@link #backward} with input gradients on, rows x inputWidth. */
    public float[] inputGrad() {
        return grad[0];
    }

    /** What layer i wrote in the last forward pass (an in-place layer's output is its input's buffer). */
    public float[] layerOutput(int i) {
        return act[i + 1];
    }

    /** The input of the last layer in the last forward pass: the features D's heads read. */
    public float[] features() {
        return act[layers.size() - 1];
    }

    /** Width of {@link #features()}. */
    public int featureWidth() {
        return layers.get(layers.size() - 1).inputWidth();
    }

    public int rows() {
        return batch.rows();
    }

    /**
     * Forward pass over the first {@code n} rows of {@link #input()}.
     *
     * @param training dropout draws from it, layer by layer; null means inference
     */
    public void forward(float[] params, int n, RandomGenerator training) {
        forward(params, Batch.of(n), training);
    }

    /** As above, the rows in segments that layers with batch statistics normalise apart. */
    public void forward(float[] params, Batch rows, RandomGenerator training) {
        ensureRows(rows.rows());
        batch = rows;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(new ParamSlice(params, network.offset(i)), io[i], rows, training);
        }
    }

    /** Backward pass of the last forward pass; {@link #outputGrad()} must hold dLoss/dOutput. */
    public void backward(float[] params, float[] paramGrad, int gradOff, boolean wantInputGrad) {
        backward(params, paramGrad, gradOff, wantInputGrad, null);
    }

    /**
     * As above, adding {@code featureGrad} (rows x {@link #featureWidth()}, or null) to dLoss/d{@link #features()}:
     * the part of the loss that reads the features outside the network (D's heads).
     *
     * @param paramGrad gradient sums are added into it at {@code gradOff}; null skips them (a frozen network)
     */
    public void backward(float[] params, float[] paramGrad, int gradOff, boolean wantInputGrad, float[] featureGrad) {
        int last = layers.size() - 1;
        for (int i = last; i >= 0; i--) {
            ParamSlice gradient = paramGrad == null ? null : new ParamSlice(paramGrad, gradOff + network.offset(i));
            layers.get(i).backward(new ParamSlice(params, network.offset(i)), io[i], batch, gradient, paramsBefore[i] || wantInputGrad);
            if (i == last && featureGrad != null) {
                float[] g = grad[last];
                for (int k = 0; k < batch.rows() * featureWidth(); k++) {
                    g[k] += featureGrad[k];
                }
            }
        }
    }
}
