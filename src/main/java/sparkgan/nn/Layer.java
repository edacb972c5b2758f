package sparkgan.nn;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * One stage of a {@link Network}: what it reads and writes (widths per row), how many parameters it
 * owns in the network's flat vector, and its forward and backward passes over a batch of rows.
 *
 * <p>A layer is a value: immutable, serializable (it travels in task closures) and compared by its
 * fields, so that two networks of equal layers share per-thread workspaces. It holds no buffers;
 * {@link NetworkPass} owns those and hands each layer its {@link LayerBuffers}.
 *
 * <p>Adding a layer type means one class implementing this interface, a case in the network's
 * builder that configures it, and a gradient check against finite differences.
 */
public interface Layer extends Serializable {
    int inputWidth();

    int outputWidth();

    /** Floats this layer owns in the network's parameter vector. */
    default int paramCount() {
        return 0;
    }

    /** Writes the layer's initial parameters at {@code params.offset()}, drawing from {@code rng} in a fixed order. */
    default void initialize(ParamSlice params, RandomGenerator rng) {
    }

    /** Marks the parameters that take weight decay (matrices, not biases) in a network-wide mask. */
    default void markDecayed(boolean[] decayed, int offset) {
    }

    /** Multiply-adds of one forward pass per row. */
    default long macsPerRow() {
        return 0;
    }

    /**
     * After the exact sum of a step, before the optimizer: a layer that keeps statistics of its inputs
     * (batch normalisation's running mean and variance) takes them from its slots of the mean
     * gradient, updates its parameters with them and clears those slots. Others do nothing.
     */
    default void takeStatistics(ParamSlice params, ParamSlice meanGradient) {
    }

    /** Whether the output overwrites the input (and the input gradient the output gradient): activations. */
    default boolean inPlace() {
        return false;
    }

    /** Floats per row the layer keeps from forward to backward besides its input and output (a dropout mask). */
    default int keptPerRow() {
        return 0;
    }

    /**
     * Computes the batch's rows of output from the input.
     *
     * @param training the stream of a training pass (dropout draws from it); null for inference
     */
    void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training);

    /**
     * Given dLoss/dOutput in {@code io.outGrad()}, adds the parameter gradient sums over the rows into
     * {@code gradient} (null: the layer is frozen) and, when {@code wantInputGrad}, writes dLoss/dInput
     * into {@code io.inGrad()}. The output gradient may be overwritten.
     */
    void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad);
}
