package sparkgan.gan;

import java.io.Serializable;
import java.util.Arrays;
import sparkgan.BadInputException;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.math.MlpSpec;

/**
 * What the two networks are and how the game is scored: everything an executor needs to compute a
 * gradient, and nothing about optimisers or the run. Small and serializable: it travels in task
 * closures.
 */
public final class GanSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MlpSpec generator;
    private final MlpSpec discriminator;
    private final Loss loss;
    private final boolean minimax;
    private final float realLabel;
    private final Noise noise;
    private final int classes;
    private final boolean projection;

    public GanSpec(MlpSpec generator, MlpSpec discriminator, Loss loss, boolean minimax, float realLabel, Noise noise) {
        this(generator, discriminator, loss, minimax, realLabel, noise, 0);
    }

    /**
     * @param classes 0 for an unconditional GAN; else a conditional GAN (Mirza and Osindero 2014): a
     *                one-hot label of this many classes joins z at G's input and the image at D's input
     */
    public GanSpec(MlpSpec generator, MlpSpec discriminator, Loss loss, boolean minimax, float realLabel, Noise noise,
                   int classes) {
        this(generator, discriminator, loss, minimax, realLabel, noise, classes, false);
    }

    /**
     * @param projection a conditional D also adds {@code <V[y], h(x)>} to its logit, where h is its last
     *                   hidden layer and V a learned class embedding (Miyato and Koyama 2018, the
     *                   projection discriminator): D can then hardly ignore the label
     */
    public GanSpec(MlpSpec generator, MlpSpec discriminator, Loss loss, boolean minimax, float realLabel, Noise noise,
                   int classes, boolean projection) {
        if (projection && (classes == 0 || discriminator.layers() < 2)) {
            throw new BadInputException("config key 'cgan.projection' = true: needs cgan.classes > 0 and a hidden layer in d.layers");
        }
        this.projection = projection;
        this.classes = classes;
        this.generator = generator;
        this.discriminator = discriminator;
        this.loss = loss;
        this.minimax = minimax;
        this.realLabel = realLabel;
        this.noise = noise;
    }

    /** Builds and validates the spec from a configuration. */
    public static GanSpec from(GanConfig c) {
        int[] g = c.getSizes("g.layers");
        int[] d = c.getSizes("d.layers");
        int classes = c.getInt("cgan.classes", 0, 1000);
        if (g[g.length - 1] + classes != d[0]) {
            throw new BadInputException("config keys 'g.layers' and 'd.layers' do not chain: the generator ends with "
                    + g[g.length - 1] + " but the discriminator starts with " + d[0] + "; expected the same image size"
                    + (classes > 0 ? " plus cgan.classes (" + classes + ")" : ""));
        }
        if (classes > 0 && g[0] <= classes) {
            throw new BadInputException("config key 'g.layers' = '" + c.get("g.layers") + "': the first width is noise plus "
                    + classes + " label inputs, so it must exceed cgan.classes");
        }
        if (d[d.length - 1] != 1) {
            throw new BadInputException("config key 'd.layers' = '" + c.get("d.layers")
                    + "': expected the last width to be 1 (the logit of real)");
        }
        Activation gOut = Activation.parse(c.get("g.output"), "g.output");
        if (gOut != Activation.TANH && gOut != Activation.SIGMOID) {
            throw new BadInputException("config key 'g.output' = '" + c.get("g.output") + "': expected tanh or sigmoid");
        }
        MlpSpec gen = new MlpSpec(g, Activation.parse(c.get("g.activation"), "g.activation"), gOut,
                c.getFloat("g.dropout", 0f, 1f, false, true));
        // D ends in a logit; the sigmoid lives in the loss, which keeps it numerically stable.
        MlpSpec dis = new MlpSpec(d, Activation.parse(c.get("d.activation"), "d.activation"), Activation.LINEAR,
                c.getFloat("d.dropout", 0f, 1f, false, true));
        String objective = c.get("g.objective").trim();
        if (!objective.equals("nonsaturating") && !objective.equals("minimax")) {
            throw new BadInputException("config key 'g.objective' = '" + objective + "': expected nonsaturating or minimax");
        }
        boolean projection = c.getBoolean("cgan.projection");
        return new GanSpec(gen, dis, Loss.parse(c.get("loss"), "loss"), objective.equals("minimax"),
                c.getFloat("d.realLabel", 0f, 1f, true, false), Noise.parse(c.get("noise")), classes, projection);
    }

    /** Whether D has a projection term (see the constructor). */
    public boolean projection() {
        return projection;
    }

    /** Width of D's last hidden layer, the length of each class's projection vector. */
    public int projectionWidth() {
        return discriminator.size(discriminator.layers() - 1);
    }

    /** Where the projection embedding V [classes x projectionWidth] starts in D's parameters: after the MLP's. */
    public int projectionOffset() {
        return discriminator.paramCount();
    }

    /** All of D's parameters: its MLP's, then (projection) the class embedding. */
    public int discriminatorParams() {
        return discriminator.paramCount() + (projection ? classes * projectionWidth() : 0);
    }

    /** D's initial parameters: the MLP's, then a zero embedding (the projection starts neutral). */
    public float[] initialDiscriminator(java.util.random.RandomGenerator rng) {
        float[] mlp = discriminator.initialParams(rng);
        return projection ? Arrays.copyOf(mlp, discriminatorParams()) : mlp;
    }

    /** Which of D's parameters take weight decay: the MLP's weights, and the embedding. */
    public boolean[] discriminatorWeightMask() {
        boolean[] mlp = discriminator.weightMask();
        if (!projection) {
            return mlp;
        }
        boolean[] all = Arrays.copyOf(mlp, discriminatorParams());
        Arrays.fill(all, mlp.length, all.length, true);
        return all;
    }

    public MlpSpec generator() {
        return generator;
    }

    public MlpSpec discriminator() {
        return discriminator;
    }

    public Loss loss() {
        return loss;
    }

    public boolean minimax() {
        return minimax;
    }

    public float realLabel() {
        return realLabel;
    }

    public Noise noise() {
        return noise;
    }

    /** The noise part of G's input (its input less the one-hot label of a conditional GAN). */
    public int noiseDim() {
        return generator.inputSize() - classes;
    }

    /** Number of label classes of a conditional GAN, 0 for an unconditional one. */
    public int classes() {
        return classes;
    }

    public boolean conditional() {
        return classes > 0;
    }

    public int imagePixels() {
        return generator.outputSize();
    }

    /** Images live in [-1,1] for a tanh generator, [0,1] for a sigmoid one. */
    public boolean signedPixels() {
        return generator.output() == Activation.TANH;
    }

    /** A key that identifies the spec, for caching per-thread workspaces. */
    String cacheKey() {
        return Arrays.toString(generator.sizes()) + generator + "|" + Arrays.toString(discriminator.sizes()) + discriminator
                + "|" + loss + minimax + realLabel + noise + classes + projection;
    }
}
