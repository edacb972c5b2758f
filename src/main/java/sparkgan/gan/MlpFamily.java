package sparkgan.gan;

import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.D_ACTIVATION;
import static sparkgan.config.GanParams.D_DROPOUT;
import static sparkgan.config.GanParams.D_LAYERS;
import static sparkgan.config.GanParams.G_ACTIVATION;
import static sparkgan.config.GanParams.G_DROPOUT;
import static sparkgan.config.GanParams.G_LAYERS;
import static sparkgan.config.GanParams.G_OUTPUT;
import static sparkgan.config.GanParams.INFO_CODES;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageShape;
import sparkgan.math.Activation;
import sparkgan.nn.Network;

/** Fully connected G and D, their widths in g.layers and d.layers (the reference experiment's kind). */
final class MlpFamily implements NetworkFamily {
    static final MlpFamily INSTANCE = new MlpFamily();

    private MlpFamily() {
    }

    /** G's output is D's input, with room for labels and codes; D ends in one logit. */
    @Override
    public void check(GanConfig c) {
        int[] g = c.get(G_LAYERS);
        int[] d = c.get(D_LAYERS);
        int classes = c.get(CGAN_CLASSES);
        int codes = c.get(INFO_CODES);
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
        if (codes > 0 && (classes > 0 || !discriminatorHasHidden(c))) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0 and a hidden layer in d.layers");
        }
        if (d[d.length - 1] != 1) {
            throw new BadInputException("config key 'd.layers' = '" + c.get("d.layers") + "': expected the last width to be 1 (the logit of real)");
        }
    }

    @Override
    public int generatorInputs(GanConfig c) {
        return c.get(G_LAYERS)[0];
    }

    @Override
    public boolean discriminatorHasHidden(GanConfig c) {
        return c.get(D_LAYERS).length > 2;
    }

    @Override
    public Networks build(GanConfig c) {
        int[] g = c.get(G_LAYERS);
        int[] d = c.get(D_LAYERS);
        requireHeapFor(c, g, d);
        Network gen = Network.fullyConnected(g, c.get(G_ACTIVATION), c.get(G_OUTPUT), c.get(G_DROPOUT));
        // D ends in a logit; the sigmoid lives in the loss, which keeps it numerically stable.
        Network dis = Network.fullyConnected(d, c.get(D_ACTIVATION), Activation.LINEAR, c.get(D_DROPOUT));
        return new Networks(gen, dis);
    }

    /** G's last width is the image. */
    @Override
    public int fixedImagePixels(GanConfig c) {
        int[] g = c.get(G_LAYERS);
        return g[g.length - 1];
    }

    @Override
    public void requireImages(GanConfig c, ImageShape shape, String data) {
        int pixels = fixedImagePixels(c);
        if (shape.pixels() != pixels) {
            throw new BadInputException(String.format("%s: images are %s = %d values but g.layers ends with %d; expected equal",
                    data, shape.describe(), shape.pixels(), pixels));
        }
    }

    /** G's first and last widths follow the noise, the one-hot inputs and the image size; D's first, the image and labels. */
    @Override
    public GanConfig fitToData(GanConfig original, GanConfig fitted, ImageShape shape, Predicate<String> userSet) {
        int[] configured = original.get(G_LAYERS);
        int noise = Math.max(1, configured[0] - Math.max(original.get(CGAN_CLASSES), original.get(INFO_CODES)));
        int oneHot = Math.max(fitted.get(CGAN_CLASSES), fitted.get(INFO_CODES));
        int pixels = shape.pixels();
        GanConfig out = fitted;
        if (!userSet.test(G_LAYERS.name())) {
            int[] g = out.get(G_LAYERS);
            g[0] = noise + oneHot;
            g[g.length - 1] = pixels;
            out = out.with(G_LAYERS.name(), widths(g));
        }
        if (!userSet.test(D_LAYERS.name())) {
            int[] d = out.get(D_LAYERS);
            d[0] = pixels + out.get(CGAN_CLASSES);
            out = out.with(D_LAYERS.name(), widths(d));
        }
        return out;
    }

    private static String widths(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static void requireHeapFor(GanConfig c, int[] g, int[] d) {
        long gParams = parameters(g);
        long dParams = parameters(d);
        String keys = "config keys 'g.layers' = '" + c.get("g.layers") + "' and 'd.layers' = '" + c.get("d.layers") + "'";
        if (Math.max(gParams, dParams) > Integer.MAX_VALUE - 8) {
            throw new BadInputException(keys + ": " + Math.max(gParams, dParams) + " parameters in one network; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
        GanSpecs.requireHeap(gParams + dParams, keys);
    }

    private static long parameters(int[] sizes) {
        long n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            n += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return n;
    }
}
