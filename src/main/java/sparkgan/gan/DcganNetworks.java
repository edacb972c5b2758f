package sparkgan.gan;

import java.util.ArrayList;
import java.util.List;
import sparkgan.data.ImageShape;
import sparkgan.math.Activation;
import sparkgan.nn.ActivationLayer;
import sparkgan.nn.BatchNorm;
import sparkgan.nn.Conv2d;
import sparkgan.nn.ConvTranspose2d;
import sparkgan.nn.Dense;
import sparkgan.nn.LabelPlanes;
import sparkgan.nn.Layer;
import sparkgan.nn.Network;

/**
 * The DCGAN networks (Radford et al. 2016) for images of C x H x W with H and W divisible by 4, built
 * from modules: kernels 4, stride 2, padding 1; batch norm with momentum 0.1.
 * <ul>
 *   <li>G: z -> dense (2w) x H/4 x W/4, batch norm, ReLU -> transposed conv w x H/2 x W/2, batch norm,
 *       ReLU -> transposed conv C x H x W, tanh;</li>
 *   <li>D: conv w x H/2 x W/2, LeakyReLU 0.2 -> conv (2w) x H/4 x W/4, batch norm, LeakyReLU 0.2 ->
 *       dense 1 (the logit; D's heads read its input). A conditional D first spreads the one-hot
 *       label over K more input planes ({@link LabelPlanes}); a conditional G takes it beside z.</li>
 * </ul>
 */
public final class DcganNetworks {
    private static final float MOMENTUM = 0.1f;

    private DcganNetworks() {
    }

    /** G from {@code inputs} values (noise, and a one-hot code or label) to images of {@code shape}. */
    public static Network generator(ImageShape shape, int width, int inputs) {
        int h4 = shape.height() / 4;
        int w4 = shape.width() / 4;
        int wide = 2 * width;
        ConvTranspose2d up1 = new ConvTranspose2d(wide, h4, w4, width, 4, 2, 1);
        ConvTranspose2d up2 = new ConvTranspose2d(width, 2 * h4, 2 * w4, shape.channels(), 4, 2, 1);
        return new Network(List.of(
                new Dense(inputs, wide * h4 * w4), new BatchNorm(wide, h4 * w4, MOMENTUM), new ActivationLayer(Activation.RELU, wide * h4 * w4),
                up1, new BatchNorm(width, up1.outHeight() * up1.outWidth(), MOMENTUM), new ActivationLayer(Activation.RELU, up1.outputWidth()),
                up2, new ActivationLayer(Activation.TANH, up2.outputWidth())));
    }

    /**
     * D from images of {@code shape} to one logit; a conditional D ({@code classes} > 0) reads the
     * label columns after the pixels as that many more planes of its first convolution.
     */
    public static Network discriminator(ImageShape shape, int width, int classes) {
        Conv2d down1 = new Conv2d(shape.channels() + classes, shape.height(), shape.width(), width, 4, 2, 1);
        Conv2d down2 = new Conv2d(width, down1.outHeight(), down1.outWidth(), 2 * width, 4, 2, 1);
        List<Layer> layers = new ArrayList<>();
        if (classes > 0) {
            layers.add(new LabelPlanes(shape.channels(), shape.height(), shape.width(), classes));
        }
        layers.addAll(List.of(
                down1, new ActivationLayer(Activation.LEAKY_RELU, down1.outputWidth()),
                down2, new BatchNorm(2 * width, down2.outHeight() * down2.outWidth(), MOMENTUM),
                new ActivationLayer(Activation.LEAKY_RELU, down2.outputWidth()),
                new Dense(down2.outputWidth(), 1)));
        return new Network(layers);
    }
}
