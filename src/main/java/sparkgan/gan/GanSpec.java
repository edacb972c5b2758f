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
    private final int codes;
    private final float codeWeight;
    private final int continuousCodes;
    private final float continuousWeight;
    private final int stddevGroup;

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
        this(generator, discriminator, loss, minimax, realLabel, noise, classes, projection, 0, 0f);
    }

    /**
     * @param codes      0, or an unconditional GAN with a categorical latent code (InfoGAN, Chen et al.
     *                   2016): a one-hot code of this many values, uniform, joins z at G's input; D does
     *                   not see it, but a head Q on D's last hidden layer has to recover it from the
     *                   fake, and G and Q minimise {@code codeWeight} times that cross-entropy. G then
     *                   has a disconnected latent space to map onto the separate digit classes.
     */
    public GanSpec(MlpSpec generator, MlpSpec discriminator, Loss loss, boolean minimax, float realLabel, Noise noise,
                   int classes, boolean projection, int codes, float codeWeight) {
        this(generator, discriminator, loss, minimax, realLabel, noise, classes, projection, codes, codeWeight, 0, 0f);
    }

    /**
     * @param continuousCodes  with a categorical code, the first this many noise values of each fake are
     *                         continuous codes too (InfoGAN's c2, c3): Q also predicts them and D and G
     *                         minimise {@code continuousWeight} times half the squared error (a Gaussian
     *                         of unit variance). They give smooth style (slant, width) a place of its own,
     *                         so the categorical code is not spent on it.
     */
    public GanSpec(MlpSpec generator, MlpSpec discriminator, Loss loss, boolean minimax, float realLabel, Noise noise,
                   int classes, boolean projection, int codes, float codeWeight, int continuousCodes, float continuousWeight) {
        this(generator, discriminator, loss, minimax, realLabel, noise, classes, projection, codes, codeWeight, continuousCodes,
                continuousWeight, 0);
    }

    private GanSpec(MlpSpec generator, MlpSpec discriminator, Loss loss, boolean minimax, float realLabel, Noise noise,
                    int classes, boolean projection, int codes, float codeWeight, int continuousCodes, float continuousWeight,
                    int stddevGroup) {
        if (projection && (classes == 0 || discriminator.layers() < 2)) {
            throw new BadInputException("config key 'cgan.projection' = true: needs cgan.classes > 0 and a hidden layer in d.layers");
        }
        if (codes > 0 && (classes > 0 || discriminator.layers() < 2)) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0 and a hidden layer in d.layers");
        }
        this.codes = codes;
        this.codeWeight = codeWeight;
        this.continuousCodes = continuousCodes;
        this.continuousWeight = continuousWeight;
        this.stddevGroup = stddevGroup;
        this.projection = projection;
        this.classes = classes;
        this.generator = generator;
        this.discriminator = discriminator;
        this.loss = loss;
        this.minimax = minimax;
        this.realLabel = realLabel;
        this.noise = noise;
        if (continuousCodes > 0 && (codes == 0 || continuousCodes > noiseDim())) {
            throw new BadInputException("config key 'info.continuous' = " + continuousCodes
                    + ": needs info.codes > 0 and at most as many noise inputs in g.layers");
        }
    }

    /**
     * This spec with D's minibatch standard deviation (Karras et al. 2018, ProGAN): D's rows are taken
     * in groups of {@code group} consecutive rows (real and fake never share a group); each row's logit
     * gains {@code w_s * s}, where s is the mean over D's last hidden features of their standard
     * deviation within the row's group and w_s one more learned parameter of D. A G that makes the
     * same image for different noise shows a small s, which D can hold against it. 0 = off.
     */
    public GanSpec withMinibatchStddev(int group) {
        if (group < 0 || group == 1) {
            throw new BadInputException("config key 'd.minibatchStd' = " + group + ": expected 0 (off) or a group size from 2");
        }
        if (group > 0 && discriminator.layers() < 2) {
            throw new BadInputException("config key 'd.minibatchStd' = " + group + ": needs a hidden layer in d.layers");
        }
        return new GanSpec(generator, discriminator, loss, minimax, realLabel, noise, classes, projection, codes, codeWeight,
                continuousCodes, continuousWeight, group);
    }

    /** Builds and validates the spec from a configuration. */
    /**
     * The driver holds each parameter about a dozen times (weights, gradient, the optimizer's moments,
     * the average of G, the broadcast's copies; more with local-mode tasks): a network that cannot fit
     * is refused before anything is allocated.
     */
    private static final int PARAMETER_COPIES = 12;

    private static void requireHeapFor(GanConfig c, int[] g, int[] d) {
        long gParams = parameters(g);
        long dParams = parameters(d);
        String keys = "config keys 'g.layers' = '" + c.get("g.layers") + "' and 'd.layers' = '" + c.get("d.layers") + "'";
        if (Math.max(gParams, dParams) > Integer.MAX_VALUE - 8) {
            throw new BadInputException(keys + ": " + Math.max(gParams, dParams) + " parameters in one network; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
        sparkgan.HeapBudget.require((gParams + dParams) * 4 * PARAMETER_COPIES,
                keys + " (" + (gParams + dParams) + " parameters)");
    }

    private static long parameters(int[] sizes) {
        long n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            n += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return n;
    }

    public static GanSpec from(GanConfig c) {
        int[] g = c.getSizes("g.layers");
        int[] d = c.getSizes("d.layers");
        requireHeapFor(c, g, d);
        int classes = c.getInt("cgan.classes", 0, 1000);
        int codes = c.getInt("info.codes", 0, 1000);
        if (g[g.length - 1] + classes != d[0]) {
            throw new BadInputException("config keys 'g.layers' and 'd.layers' do not chain: the generator ends with "
                    + g[g.length - 1] + " but the discriminator starts with " + d[0] + "; expected the same image size"
                    + (classes > 0 ? " plus cgan.classes (" + classes + ")" : ""));
        }
        if (classes > 0 && g[0] <= classes) {
            throw new BadInputException("config key 'g.layers' = '" + c.get("g.layers") + "': the first width is noise plus "
                    + classes + " label inputs, so it must exceed cgan.classes");
        }
        if (codes > 0 && g[0] <= codes) {
            throw new BadInputException("config key 'g.layers' = '" + c.get("g.layers") + "': the first width is noise plus "
                    + codes + " code inputs, so it must exceed info.codes");
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
                c.getFloat("d.realLabel", 0f, 1f, true, false), Noise.parse(c.get("noise")), classes, projection,
                codes, c.getFloat("info.weight", 0f, Float.POSITIVE_INFINITY, false, false),
                c.getInt("info.continuous", 0, 1000), c.getFloat("info.continuousWeight", 0f, Float.POSITIVE_INFINITY, false, false))
                .withMinibatchStddev(c.getInt("d.minibatchStd", 0, 1_000_000));
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

    /**
     * All of D's parameters: its MLP's, then the class embedding (projection) or the code head Q (info),
     * then the weight of the minibatch standard deviation (one float, with d.minibatchStd).
     */
    public int discriminatorParams() {
        return stddevOffset() + (stddevGroup > 0 ? 1 : 0);
    }

    /** Where the minibatch standard deviation's weight w_s sits in D's parameters: after everything else. */
    public int stddevOffset() {
        return discriminator.paramCount() + (projection ? classes * projectionWidth() : 0)
                + (codes > 0 ? (projectionWidth() + 1) * codeHeadWidth() : 0);
    }

    /** Group size of D's minibatch standard deviation (d.minibatchStd), 0 when off. */
    public int stddevGroup() {
        return stddevGroup;
    }

    /**
     * Where the code head starts in D's parameters: W_Q [projectionWidth x codeHeadWidth] row-major,
     * then b_Q [codeHeadWidth]; the categorical code's logits come first, then the continuous codes.
     */
    public int codeHeadOffset() {
        return discriminator.paramCount();
    }

    /** D's initial parameters: the MLP's, then zeros (the projection starts neutral, Q at uniform guesses). */
    public float[] initialDiscriminator(java.util.random.RandomGenerator rng) {
        float[] mlp = discriminator.initialParams(rng);
        return discriminatorParams() > mlp.length ? Arrays.copyOf(mlp, discriminatorParams()) : mlp;
    }

    /** Which of D's parameters take weight decay: the MLP's weights, the embedding, Q's weights, w_s. */
    public boolean[] discriminatorWeightMask() {
        boolean[] mlp = discriminator.weightMask();
        if (discriminatorParams() == mlp.length) {
            return mlp;
        }
        // Everything after the MLP is a weight except Q's bias b_Q.
        boolean[] all = Arrays.copyOf(mlp, discriminatorParams());
        Arrays.fill(all, mlp.length, all.length, true);
        if (codes > 0) {
            int bias = codeHeadOffset() + projectionWidth() * codeHeadWidth();
            Arrays.fill(all, bias, bias + codeHeadWidth(), false);
        }
        return all;
    }

    /** Values of the categorical code at G's input (info.codes), 0 without one. */
    public int codes() {
        return codes;
    }

    /** Weight of the code's cross-entropy in D's and G's losses. */
    public float codeWeight() {
        return codeWeight;
    }

    /** Continuous codes (info.continuous): the first this many noise values, which Q predicts too. */
    public int continuousCodes() {
        return continuousCodes;
    }

    /** Weight of the continuous codes' half squared error in D's and G's losses. */
    public float continuousWeight() {
        return continuousWeight;
    }

    /** Outputs of the code head Q: the categorical code's logits and the continuous codes' predictions. */
    public int codeHeadWidth() {
        return codes + continuousCodes;
    }

    /** Width of the one-hot block at G's input: the label (conditional) or the code (info), else 0. */
    public int generatorOneHot() {
        return classes + codes;
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
        return generator.inputSize() - classes - codes;
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
                + "|" + loss + minimax + realLabel + noise + classes + projection + codes + "/" + codeWeight
                + "/" + continuousCodes + "/" + continuousWeight + "/" + stddevGroup;
    }
}
