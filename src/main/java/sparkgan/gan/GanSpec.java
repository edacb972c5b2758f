package sparkgan.gan;

import sparkgan.math.Noise;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageShape;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import sparkgan.gan.head.Head;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.nn.Network;

/**
 * What the two networks are and how the game is scored: everything an executor needs to compute a
 * gradient, and nothing about optimisers or the run. A value, small and serializable (it travels in
 * task closures); equal specs share per-thread kernels.
 *
 * <p>D's parameter vector is its network's, then each head's in order. Build one from a configuration
 * with {@link GanSpecs#from}.
 *
 * @param generator G: noise (and a one-hot label or code) in, an image out
 * @param discriminator D's network: an image (and a one-hot label) in, a logit out
 * @param heads D's heads on the input of its last layer, in parameter order
 * @param image the shape of G's images (channels, height, width)
 */
public record GanSpec(Network generator, Network discriminator, List<Head> heads, Objective objective, Latent latent,
                      ImageShape image) implements Serializable {
    public GanSpec {
        heads = List.copyOf(heads);
        if (!heads.isEmpty() && discriminator.layers().size() < 2) {
            throw new IllegalArgumentException("D's heads read the input of its last layer, so D needs more than one layer");
        }
        if (generator.inputWidth() <= latent.oneHot()) {
            throw new IllegalArgumentException("G's input (" + generator.inputWidth() + ") has no room for noise beside "
                    + latent.oneHot() + " one-hot inputs");
        }
        if (image.pixels() != generator.outputWidth()) {
            throw new IllegalArgumentException("images of " + image.describe() + " but G writes " + generator.outputWidth() + " values");
        }
        if (generator.outputWidth() + latent.classes() != discriminator.inputWidth()) {
            throw new IllegalArgumentException("G writes " + generator.outputWidth() + " pixels but D reads "
                    + discriminator.inputWidth() + " values with " + latent.classes() + " label inputs");
        }
    }

    /** A spec whose images are square and single-channel (or flat vectors when G's width is not a square). */
    public GanSpec(Network generator, Network discriminator, List<Head> heads, Objective objective, Latent latent) {
        this(generator, discriminator, heads, objective, latent, ImageShape.parse("", generator.outputWidth(), "image.shape"));
    }

    /** Builds and validates the spec a configuration describes (see {@link GanSpecs}). */
    public static GanSpec from(GanConfig config) {
        return GanSpecs.from(config);
    }

    /** All of D's parameters: its network's, then its heads'. */
    public int discriminatorParams() {
        return headOffset(heads.size());
    }

    /** Where head i's parameters start in D's vector (i = heads().size(): the end). */
    public int headOffset(int i) {
        int offset = discriminator.paramCount();
        for (int h = 0; h < i; h++) {
            offset += heads.get(h).paramCount();
        }
        return offset;
    }

    /** Where the first head of the given type starts in D's vector. */
    public int headOffset(Class<? extends Head> type) {
        for (int i = 0; i < heads.size(); i++) {
            if (type.isInstance(heads.get(i))) {
                return headOffset(i);
            }
        }
        throw new IllegalArgumentException("D has no " + type.getSimpleName());
    }

    /** D's initial parameters: its network's, then zeros (the heads start neutral, Q at uniform guesses). */
    public float[] initialDiscriminator(java.util.random.RandomGenerator rng) {
        return Arrays.copyOf(discriminator.initialParams(rng), discriminatorParams());
    }

    /** Which of D's parameters take weight decay: its network's matrices and what each head marks. */
    public boolean[] discriminatorWeightMask() {
        boolean[] mask = Arrays.copyOf(discriminator.weightMask(), discriminatorParams());
        for (int i = 0; i < heads.size(); i++) {
            heads.get(i).markDecayed(mask, headOffset(i));
        }
        return mask;
    }

    public Loss loss() {
        return objective.loss();
    }

    public boolean minimax() {
        return objective.minimax();
    }

    public float realLabel() {
        return objective.realLabel();
    }

    public Noise noise() {
        return latent.noise();
    }

    /** Number of label classes of a conditional GAN, 0 for an unconditional one. */
    public int classes() {
        return latent.classes();
    }

    /** Values of the categorical code at G's input (InfoGAN), 0 without one. */
    public int codes() {
        return latent.codes();
    }

    public boolean conditional() {
        return latent.classes() > 0;
    }

    /** Width of the one-hot block at G's input: the label (conditional) or the code (InfoGAN), else 0. */
    public int generatorOneHot() {
        return latent.oneHot();
    }

    /** The noise part of G's input. */
    public int noiseDim() {
        return generator.inputWidth() - latent.oneHot();
    }

    public int imagePixels() {
        return generator.outputWidth();
    }

    /** Images live in [-1,1] for a tanh generator, [0,1] for a sigmoid one. */
    public boolean signedPixels() {
        return generator.outputActivation() == Activation.TANH;
    }
}
