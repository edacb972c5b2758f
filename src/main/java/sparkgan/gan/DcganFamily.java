package sparkgan.gan;

import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.DCGAN_G_WIDTH;
import static sparkgan.config.GanParams.DCGAN_NOISE;
import static sparkgan.config.GanParams.DCGAN_WIDTH;
import static sparkgan.config.GanParams.IMAGE_SHAPE;
import static sparkgan.config.GanParams.INFO_CODES;

import java.util.function.Predicate;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.data.ImageShape;
import sparkgan.nn.Network;

/** Convolutional G and D after Radford et al. (2016) for images whose sides divide by 4 (see {@link DcganNetworks}). */
final class DcganFamily implements NetworkFamily {
    static final DcganFamily INSTANCE = new DcganFamily();

    private DcganFamily() {
    }

    /** The networks need an image shape they can halve twice. */
    @Override
    public void check(GanConfig c) {
        String text = c.get(IMAGE_SHAPE);
        if (text.isBlank()) {
            throw new BadInputException("config key 'network' = dcgan: needs image.shape (channels,height,width), e.g. 1,28,28");
        }
        ImageShape shape = ImageShape.parse(text, IMAGE_SHAPE.name());
        if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
            throw new BadInputException("config key 'image.shape' = '" + text + "': network = dcgan halves the images twice, "
                    + "so height and width must divide by 4");
        }
        int classes = c.get(CGAN_CLASSES);
        int codes = c.get(INFO_CODES);
        if (codes > 0 && classes > 0) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0");
        }
    }

    @Override
    public int generatorInputs(GanConfig c) {
        return c.get(DCGAN_NOISE) + c.get(INFO_CODES) + c.get(CGAN_CLASSES);
    }

    @Override
    public boolean discriminatorHasHidden(GanConfig c) {
        return true;
    }

    /** The DCGAN networks for image.shape, dcgan.width and dcgan.gWidth. */
    @Override
    public Networks build(GanConfig c) {
        ImageShape shape = ImageShape.parse(c.get(IMAGE_SHAPE), IMAGE_SHAPE.name());
        int width = c.get(DCGAN_WIDTH);
        int gWidthKey = c.get(DCGAN_G_WIDTH);
        int gWidth = gWidthKey == 0 ? width : gWidthKey;
        int inputs = c.get(DCGAN_NOISE) + c.get(CGAN_CLASSES) + c.get(INFO_CODES);
        String keys = "config keys 'network' = dcgan, 'dcgan.width' = " + width + ", 'dcgan.gWidth' = " + gWidthKey
                + ", 'image.shape' = '" + shape + "'";
        int widest = Math.max(width, gWidth);
        long wide = 2L * widest * (shape.height() / 4) * (shape.width() / 4);
        if (wide * Math.max(inputs, 1) + 16L * widest * (2L * widest + shape.channels()) > Integer.MAX_VALUE - 8) {
            throw new BadInputException(keys + ": more parameters than fit in one array");
        }
        Network gen = DcganNetworks.generator(shape, gWidth, inputs);
        Network dis = DcganNetworks.discriminator(shape, width, c.get(CGAN_CLASSES));
        GanSpecs.requireHeap((long) gen.paramCount() + dis.paramCount(), keys);
        return new Networks(gen, dis);
    }

    /** The image size comes from image.shape, which check requires. */
    @Override
    public int fixedImagePixels(GanConfig c) {
        return 0;
    }

    /** Any shape image.shape allows (check), which the run sets from the data. */
    @Override
    public void requireImages(GanConfig c, ImageShape shape, String data) {
    }

    @Override
    public GanConfig fitToData(GanConfig original, GanConfig fitted, ImageShape shape, Predicate<String> userSet) {
        return fitted;
    }
}
