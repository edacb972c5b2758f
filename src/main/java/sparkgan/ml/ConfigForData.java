package sparkgan.ml;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.data.ImageShape;

/**
 * Fits a preset to the data it is given, as a Spark ML user expects of an estimator: the image shape
 * is the data's; a label column makes the game conditional with the labels' classes (and turns the
 * InfoGAN code off); an {@code mlp}'s first and last widths follow the image size and the one-hot
 * inputs. A key the user set is never changed: a set key that does not fit the data is an error.
 */
final class ConfigForData {
    private ConfigForData() {
    }

    /**
     * @param classes 1 + the largest label, or 0 without a label column
     * @param userSet whether the user set a key (rather than the preset or the defaults)
     */
    static GanConfig fit(GanConfig config, ImageShape shape, int classes, int partitions, Predicate<String> userSet) {
        int noise = noiseWidth(config);
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
        if (!fitted.get(GanParams.NETWORK).equals("mlp")) {
            return fitted;
        }
        int oneHot = Math.max(fitted.get(GanParams.CGAN_CLASSES), fitted.get(GanParams.INFO_CODES));
        int pixels = shape.pixels();
        if (!userSet.test(GanParams.G_LAYERS.name())) {
            int[] g = fitted.get(GanParams.G_LAYERS);
            g[0] = noise + oneHot;
            g[g.length - 1] = pixels;
            fitted = fitted.with(GanParams.G_LAYERS.name(), widths(g));
        }
        if (!userSet.test(GanParams.D_LAYERS.name())) {
            int[] d = fitted.get(GanParams.D_LAYERS);
            d[0] = pixels + fitted.get(GanParams.CGAN_CLASSES);
            fitted = fitted.with(GanParams.D_LAYERS.name(), widths(d));
        }
        return fitted;
    }

    /** The noise part of G's input as the configuration has it: the first width less the one-hot inputs. */
    private static int noiseWidth(GanConfig config) {
        int[] g = config.get(GanParams.G_LAYERS);
        return Math.max(1, g[0] - Math.max(config.get(GanParams.CGAN_CLASSES), config.get(GanParams.INFO_CODES)));
    }

    private static String widths(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
