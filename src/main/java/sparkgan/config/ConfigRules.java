package sparkgan.config;

import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.CGAN_PROJECTION;
import static sparkgan.config.GanParams.D_MINIBATCH_STD;
import static sparkgan.config.GanParams.D_SPECTRAL_NORM;
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

    /**
     * What D's heads need, whichever the network family: a label for the class projection, noise
     * inputs for the continuous codes, a hidden layer for the projection and the minibatch deviation.
     *
     * @param gInputs G's input width (noise plus the one-hot inputs)
     * @param hidden whether D has a hidden layer whose features the heads read
     */
    public static void checkHeads(GanConfig c, int gInputs, boolean hidden) {
        int classes = c.get(CGAN_CLASSES);
        int codes = c.get(INFO_CODES);
        if (c.get(CGAN_PROJECTION) && (classes == 0 || !hidden)) {
            throw new BadInputException("config key 'cgan.projection' = true: needs cgan.classes > 0 and a hidden layer in d.layers");
        }
        int continuous = c.get(INFO_CONTINUOUS);
        if (continuous > 0 && (codes == 0 || continuous > gInputs - codes)) {
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
        boolean simultaneous = c.get(TRAIN_UPDATE) == UpdateScheme.SIMULTANEOUS;
        boolean trainedCopy = c.get(TRAIN_CHAIN_D) == ChainD.TRAINED_COPY;
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

    /** A labels file labels a folder of images for a conditional GAN: it is never read otherwise. */
    public static void checkData(GanConfig c) {
        String labels = c.get(GanParams.DATA_LABELS);
        if (!labels.isBlank() && (!c.get(GanParams.DATA_FORMAT).equals("image") || c.get(CGAN_CLASSES) == 0)) {
            throw new BadInputException("config key 'data.labels' = '" + labels + "': gives the classes of a folder of images; expected "
                    + "data.format = image (--format image) and cgan.classes > 0, here " + c.get(GanParams.DATA_FORMAT) + " and "
                    + c.get(CGAN_CLASSES));
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
