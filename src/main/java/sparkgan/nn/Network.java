package sparkgan.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import sparkgan.math.Activation;

/**
 * Layers chained by width over one flat parameter vector: layer i owns the range starting at
 * {@link #offset(int)}. A value (compared by its layers), serializable, and free of buffers; run it
 * with a {@link NetworkPass}.
 */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Layer> layers;
    private final int[] offsets;
    private final int paramCount;

    public Network(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        this.offsets = new int[layers.size()];
        long offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0 && layers.get(i).inputWidth() != layers.get(i - 1).outputWidth()) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i) + ") reads " + layers.get(i).inputWidth()
                        + " values but layer " + (i - 1) + " (" + layers.get(i - 1) + ") writes " + layers.get(i - 1).outputWidth());
            }
            offsets[i] = (int) offset;
            offset += layers.get(i).paramCount();
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("network too large for one array: " + this.layers);
            }
        }
        this.paramCount = (int) offset;
    }

    /**
     * A fully connected network: dense layers of the given widths, {@code hidden} after each but the
     * last, {@code output} after the last (nothing for linear), and dropout after each hidden layer.
     */
    public static Network fullyConnected(int[] widths, Activation hidden, Activation output, float dropout) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a fully connected network needs at least an input and an output width");
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            boolean last = l + 2 == widths.length;
            layers.add(new Dense(widths[l], widths[l + 1]));
            Activation f = last ? output : hidden;
            if (f != Activation.LINEAR) {
                layers.add(new ActivationLayer(f, widths[l + 1]));
            }
            if (!last && dropout > 0f) {
                layers.add(new Dropout(dropout, widths[l + 1]));
            }
        }
        return new Network(layers);
    }

    /** This network with {@code first} in front of its layers (it must write what the first layer reads). */
    public Network withInput(Layer first) {
        List<Layer> all = new ArrayList<>();
        all.add(first);
        all.addAll(layers);
        return new Network(all);
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer layer(int i) {
        return layers.get(i);
    }

    /** Where layer i's parameters start in the network's vector. */
    public int offset(int i) {
        return offsets[i];
    }

    public int paramCount() {
        return paramCount;
    }

    public int inputWidth() {
        return layers.get(0).inputWidth();
    }

    public int outputWidth() {
        return layers.get(layers.size() - 1).outputWidth();
    }

    /** The activation the network ends with, LINEAR when its last layer is not an activation. */
    public Activation outputActivation() {
        return layers.get(layers.size() - 1) instanceof ActivationLayer a ? a.function() : Activation.LINEAR;
    }

    /** Initial parameters, each layer drawing from the stream in order, so that initialisation is reproducible. */
    public float[] initialParams(RandomGenerator rng) {
        float[] p = new float[paramCount];
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).initialize(new ParamSlice(p, offsets[i]), rng);
        }
        return p;
    }

    /** True for the parameters that take weight decay (matrices), false for the rest (biases). */
    public boolean[] weightMask() {
        boolean[] mask = new boolean[paramCount];
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).markDecayed(mask, offsets[i]);
        }
        return mask;
    }

    /** Lets every layer take its statistics from a step's mean gradient (see {@link Layer#takeStatistics}). */
    public void takeStatistics(float[] params, float[] meanGradient) {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).takeStatistics(new ParamSlice(params, offsets[i]), new ParamSlice(meanGradient, offsets[i]));
        }
    }

    /** Multiply-adds of one forward pass per row (a backward pass costs about twice that). */
    public long macsPerRow() {
        return layers.stream().mapToLong(Layer::macsPerRow).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    @Override
    public String toString() {
        return layers.stream().map(Layer::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
