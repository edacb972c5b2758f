package sparkgan.math;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The shape of a fully connected network: layer widths, the hidden and output activations, and the
 * dropout rate on hidden layers. Parameters live in one flat float array, layer by layer: W_l stored
 * row-major as [in x out], then b_l. A flat array broadcasts, aggregates and checkpoints as one block.
 */
public final class MlpSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final Activation hidden;
    private final Activation output;
    private final float dropout;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int paramCount;

    public MlpSpec(int[] sizes, Activation hidden, Activation output, float dropout) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output size");
        }
        this.sizes = sizes.clone();
        this.hidden = hidden;
        this.output = output;
        this.dropout = dropout;
        int layers = sizes.length - 1;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l + 1];
            biasOffsets[l] = (int) offset;
            offset += sizes[l + 1];
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("network too large for one array: " + Arrays.toString(sizes));
            }
        }
        paramCount = (int) offset;
    }

    public int layers() {
        return sizes.length - 1;
    }

    public int size(int i) {
        return sizes[i];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public Activation hidden() {
        return hidden;
    }

    public Activation output() {
        return output;
    }

    public Activation activation(int layer) {
        return layer == layers() - 1 ? output : hidden;
    }

    public float dropout() {
        return dropout;
    }

    public int paramCount() {
        return paramCount;
    }

    public int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /** Multiply-adds of one forward pass per example (a backward pass costs about twice that). */
    public long macsPerExample() {
        long macs = 0;
        for (int l = 0; l < layers(); l++) {
            macs += (long) sizes[l] * sizes[l + 1];
        }
        return macs;
    }

    /** True for entries of weight matrices (weight decay applies), false for biases. */
    public boolean[] weightMask() {
        boolean[] mask = new boolean[paramCount];
        for (int l = 0; l < layers(); l++) {
            Arrays.fill(mask, weightOffsets[l], biasOffsets[l], true);
        }
        return mask;
    }

    /**
     * Initial parameters: weights uniform in +-sqrt(6/(in+out)) (Glorot), biases zero, drawn from the
     * given stream so that initialisation is reproducible.
     */
    public float[] initialParams(java.util.random.RandomGenerator rng) {
        float[] p = new float[paramCount];
        for (int l = 0; l < layers(); l++) {
            double r = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1]));
            for (int i = weightOffsets[l]; i < biasOffsets[l]; i++) {
                p[i] = (float) ((rng.nextDouble() * 2 - 1) * r);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes) + " " + hidden.configName() + "/" + output.configName()
                + (dropout > 0 ? " dropout " + dropout : "");
    }
}
