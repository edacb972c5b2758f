package sparkgan.ml;

import java.util.function.Predicate;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.data.ImageShape;
import sparkgan.gan.NetworkFamily;

/**
 * Fits a preset to the data it is given, as a Spark ML user expects of an estimator: the image shape
 * is the data's; a label column makes the game conditional with the labels' classes (and turns the
 * InfoGAN code off); the network family fits the rest (an {@code mlp}'s first and last widths follow
 * the image size and the one-hot inputs). A key the user set is never changed: a set key that does not fit the data is an error.
 */
final class ConfigForData {
    private ConfigForData() {
    }

    /**
     * @param classes 1 + the largest label, or 0 without a label column
     * @param userSet whether the user set a key (rather than the preset or the defaults)
     */
    static GanConfig fit(GanConfig config, ImageShape shape, int classes, int partitions, Predicate<String> userSet) {
        GanConfig fitted = config.with(GanParams.IMAGE_SHAPE.name(), shape.toString())
                .with(GanParams.TRAIN_PARTITIONS.name(), Integer.toString(partitions));
        if (classes > 0) {
            String key = GanParams.CGAN_CLASSES.name();
            int configured = config.get(GanParams.CGAN_CLASSES);
            if (userSet.test(key) && configured < classes) {
                throw new BadInputException("config key 'cgan.classes' = " + configured + ": the label column holds label "
                        + (classes - 1) + "; expected labels from 0 to " + (configured - 1));
            }
            fitted = fitted.with(key, Integer.toString(userSet.test(key) ? configured : classes));
            if (!userSet.test(GanParams.INFO_CODES.name())) {
                fitted = fitted.with(GanParams.INFO_CODES.name(), "0");
            }
        } else if (config.get(GanParams.CGAN_CLASSES) > 0) {
            throw new BadInputException("config key 'cgan.classes' = " + config.get(GanParams.CGAN_CLASSES)
                    + ": a conditional GAN needs labelCol (the column of class labels)");
        }
        return NetworkFamily.of(fitted).fitToData(config, fitted, shape, userSet);
    }
}
