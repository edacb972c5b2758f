package sparkgan.config;

import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.CGAN_PROJECTION;
import static sparkgan.config.GanParams.D_LAYERS;
import static sparkgan.config.GanParams.D_MINIBATCH_STD;
import static sparkgan.config.GanParams.D_SPECTRAL_NORM;
import static sparkgan.config.GanParams.G_LAYERS;
import static sparkgan.config.GanParams.INFO_CODES;
import static sparkgan.config.GanParams.INFO_CONTINUOUS;
import static sparkgan.config.GanParams.TRAIN_CHAIN_D;
import static sparkgan.config.GanParams.TRAIN_D_STEPS;
import static sparkgan.config.GanParams.TRAIN_G_STEPS;
import static sparkgan.config.GanParams.TRAIN_UPDATE;

import sparkgan.BadInputException;

/**
 * The rules between configuration keys, all in one place; each refusal is one line naming the keys.
 * A single key's own range is its {@link Param}'s business.
 */
public final class ConfigRules {
    private ConfigRules() {
    }

    /** What the networks' keys must agree on: G's output is D's input, room for labels and codes, D's heads have a layer to read. */
    public static void checkNetworks(GanConfig c) {
        if (c.get(GanParams.NETWORK).equals("dcgan")) {
            checkDcgan(c);
            return;
        }
        int[] g = c.get(G_LAYERS);
        int[] d = c.get(D_LAYERS);
        int classes = c.get(CGAN_CLASSES);
        int codes = c.get(INFO_CODES);
        boolean hidden = d.length > 2;
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
        if (codes > 0 && (classes > 0 || !hidden)) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0 and a hidden layer in d.layers");
        }
        if (d[d.length - 1] != 1) {
            throw new BadInputException("config key 'd.layers' = '" + c.get("d.layers") + "': expected the last width to be 1 (the logit of real)");
        }
        checkHeads(c, g, hidden, classes, codes);
    }

    /** The convolutional networks need an image shape they can halve twice. */
    private static void checkDcgan(GanConfig c) {
        String text = c.get(GanParams.IMAGE_SHAPE);
        if (text.isBlank()) {
            throw new BadInputException("config key 'network' = dcgan: needs image.shape (channels,height,width), e.g. 1,28,28");
        }
        sparkgan.data.ImageShape shape = sparkgan.data.ImageShape.parse(text, GanParams.IMAGE_SHAPE.name());
        if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
            throw new BadInputException("config key 'image.shape' = '" + text + "': network = dcgan halves the images twice, "
                    + "so height and width must divide by 4");
        }
        int classes = c.get(CGAN_CLASSES);
        int codes = c.get(INFO_CODES);
        if (codes > 0 && classes > 0) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0");
        }
        int noise = c.get(GanParams.DCGAN_NOISE);
        checkHeads(c, new int[] {noise + codes + classes}, true, classes, codes);
    }

    private static void checkHeads(GanConfig c, int[] g, boolean hidden, int classes, int codes) {
        if (c.get(CGAN_PROJECTION) && (classes == 0 || !hidden)) {
            throw new BadInputException("config key 'cgan.projection' = true: needs cgan.classes > 0 and a hidden layer in d.layers");
        }
        int continuous = c.get(INFO_CONTINUOUS);
        if (continuous > 0 && (codes == 0 || continuous > g[0] - codes)) {
            throw new BadInputException("config key 'info.continuous' = " + continuous
                    + ": needs info.codes > 0 and at most as many noise inputs in g.layers");
        }
        int group = c.get(D_MINIBATCH_STD);
        if (group > 0 && !hidden) {
            throw new BadInputException("config key 'd.minibatchStd' = " + group + ": needs a hidden layer in d.layers");
        }
    }

    /** What the update scheme's keys must agree on. */
    public static void checkTraining(GanConfig c) {
        boolean simultaneous = c.get(TRAIN_UPDATE).equals("simultaneous");
        boolean trainedCopy = c.get(TRAIN_CHAIN_D).equals("trained-copy");
        int dSteps = c.get(TRAIN_D_STEPS);
        if (simultaneous && dSteps != 1) {
            throw new BadInputException("config key 'train.dSteps' = " + dSteps + ": simultaneous updates need 1");
        }
        if (simultaneous && (c.get(TRAIN_G_STEPS) != 1 || trainedCopy)) {
            throw new BadInputException("config key 'train.update' = simultaneous: needs train.gSteps = 1 and train.chainD = frozen");
        }
        if (trainedCopy && c.get(D_SPECTRAL_NORM)) {
            throw new BadInputException("config key 'd.spectralNorm' = true: not with train.chainD = trained-copy");
        }
    }

    /** Evaluation during training needs the MNIST directory with its test files. */
    public static void checkEvaluation(GanConfig c) {
        int every = c.get(GanParams.EVAL_EVERY);
        if (every > 0 && c.get(GanParams.EVAL_DATA).isBlank() && c.get(GanParams.DATA_URI).isBlank()) {
            throw new BadInputException("config key 'eval.every' = " + every
                    + ": evaluation needs full MNIST (train and t10k files); give --data DIR or eval.data");
        }
    }

    /** A noise bank must give every partition at least one vector of its own. */
    public static void checkNoiseBank(int noiseBank, int partitions) {
        if (noiseBank > 0 && noiseBank < partitions) {
            throw new BadInputException("config key 'train.noiseBank' = " + noiseBank
                    + ": expected at least one vector per partition (" + partitions + ")");
        }
    }
}
