package sparkgan.gan;

import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.CONV_D_HIDDEN;
import static sparkgan.config.GanParams.CONV_G_HIDDEN;
import static sparkgan.config.GanParams.CONV_NOISE;
import static sparkgan.config.GanParams.CONV_WIDTH;
import static sparkgan.config.GanParams.D_ACTIVATION;
import static sparkgan.config.GanParams.D_DROPOUT;
import static sparkgan.config.GanParams.G_ACTIVATION;
import static sparkgan.config.GanParams.G_DROPOUT;
import static sparkgan.config.GanParams.G_OUTPUT;
import static sparkgan.config.GanParams.IMAGE_SHAPE;
import static sparkgan.config.GanParams.INFO_CODES;

import java.util.function.Predicate;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageShape;
import sparkgan.nn.Network;

/** Convolutions with global depth, for any image size (see {@link ConvNetworks}). */
final class ConvFamily implements NetworkFamily {
    static final ConvFamily INSTANCE = new ConvFamily();

    private ConvFamily() {
    }

    /** An image shape whose sides halve at least once; a label or a code, not both. */
    @Override
    public void check(GanConfig c) {
        String text = c.get(IMAGE_SHAPE);
        if (text.isBlank()) {
            throw new BadInputException("config key 'network' = conv: needs image.shape (channels,height,width), e.g. 1,28,28");
        }
        ImageShape shape = ImageShape.parse(text, IMAGE_SHAPE.name());
        if (ConvNetworks.stages(shape) == 0) {
            throw new BadInputException("config key 'image.shape' = '" + text + "': network = conv halves the images with "
                    + "stride-2 convolutions while both sides exceed " + ConvNetworks.SMALLEST_SIDE + ", so they must be even "
                    + "and larger than " + ConvNetworks.SMALLEST_SIDE);
        }
        int classes = c.get(CGAN_CLASSES);
        int codes = c.get(INFO_CODES);
        if (codes > 0 && classes > 0) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0");
        }
    }

    @Override
    public int generatorInputs(GanConfig c) {
        return c.get(CONV_NOISE) + c.get(INFO_CODES) + c.get(CGAN_CLASSES);
    }

    /** The convolutions' features count as hidden: the heads read the last dense layer, else the last stage. */
    @Override
    public boolean discriminatorHasHidden(GanConfig c) {
        return true;
    }

    @Override
    public Networks build(GanConfig c) {
        ImageShape shape = ImageShape.parse(c.get(IMAGE_SHAPE), IMAGE_SHAPE.name());
        int width = c.get(CONV_WIDTH);
        int[] dHidden = c.get(CONV_D_HIDDEN);
        int[] gHidden = c.get(CONV_G_HIDDEN);
        int classes = c.get(CGAN_CLASSES);
        int inputs = generatorInputs(c);
        String keys = "config keys 'network' = conv, 'conv.width' = " + width + ", 'conv.dHidden' = '" + c.get(CONV_D_HIDDEN.name())
                + "', 'conv.gHidden' = '" + c.get(CONV_G_HIDDEN.name()) + "', 'image.shape' = '" + shape + "'";
        long params = ConvNetworks.parameters(shape, width, inputs, classes, dHidden, gHidden);
        if (params > Integer.MAX_VALUE - 8) {
            throw new BadInputException(keys + ": more parameters than fit in one array");
        }
        GanSpecs.requireHeap(params, keys);
        Network dis = ConvNetworks.discriminator(shape, width, classes,
                new ConvNetworks.Hidden(dHidden, c.get(D_ACTIVATION), c.get(D_DROPOUT)));
        Network gen = ConvNetworks.generator(shape, width, inputs,
                new ConvNetworks.Hidden(gHidden, c.get(G_ACTIVATION), c.get(G_DROPOUT)), c.get(G_OUTPUT));
        return new Networks(gen, dis);
    }

    /** The image size comes from image.shape, which check requires. */
    @Override
    public int fixedImagePixels(GanConfig c) {
        return 0;
    }

    /** Any shape that check accepts; the run sets image.shape from the data. */
    @Override
    public void requireImages(GanConfig c, ImageShape shape, String data) {
        if (ConvNetworks.stages(shape) == 0) {
            throw new BadInputException(data + ": images are " + shape.describe() + "; network = conv needs sides that are even "
                    + "and larger than " + ConvNetworks.SMALLEST_SIDE);
        }
    }

    @Override
    public GanConfig fitToData(GanConfig original, GanConfig fitted, ImageShape shape, Predicate<String> userSet) {
        return fitted;
    }
}
