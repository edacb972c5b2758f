package sparkgan.testing;

import java.io.Serializable;
import java.util.Arrays;
import sparkgan.math.Activation;
import sparkgan.nn.Network;

/**
 * The configuration of a fully connected network: layer widths, the hidden and output activations,
 * and the dropout rate on hidden layers; {@link #network()} builds it from modules. Its parameters
 * lie layer by layer: W_l stored row-major as [in x out], then b_l.
 */
public final class MlpSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final Activation hidden;
    private final Activation output;
    private final float dropout;
    private final Network network;

    public MlpSpec(int[] sizes, Activation hidden, Activation output, float dropout) {
        this.sizes = sizes.clone();
        this.hidden = hidden;
        this.output = output;
        this.dropout = dropout;
        this.network = Network.fullyConnected(sizes, hidden, output, dropout);
    }

    /** The network of dense, activation and dropout modules this configuration describes. */
    public Network network() {
        return network;
    }

    public int layers() {
        return sizes.length - 1;
    }

    public int size(int i) {
        return sizes[i];
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public Activation activation(int layer) {
        return layer == layers() - 1 ? output : hidden;
    }

    public float dropout() {
        return dropout;
    }

    public int paramCount() {
        return network.paramCount();
    }

    /** Where dense layer l's matrix starts in the parameters. */
    public int weightOffset(int layer) {
        int offset = 0;
        for (int l = 0; l < layer; l++) {
            offset += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return offset;
    }

    /** Where dense layer l's bias starts in the parameters. */
    public int biasOffset(int layer) {
        return weightOffset(layer) + sizes[layer] * sizes[layer + 1];
    }

    /** Initial parameters (Glorot weights, zero biases) drawn from the given stream; see {@link Network#initialParams}. */
    public float[] initialParams(java.util.random.RandomGenerator rng) {
        return network.initialParams(rng);
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes) + " " + hidden.configName() + "/" + output.configName()
                + (dropout > 0 ? " dropout " + dropout : "");
    }
}
