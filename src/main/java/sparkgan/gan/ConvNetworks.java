package sparkgan.gan;

import java.util.ArrayList;
import java.util.List;
import sparkgan.data.ImageShape;
import sparkgan.math.Activation;
import sparkgan.nn.ActivationLayer;
import sparkgan.nn.Conv2d;
import sparkgan.nn.ConvTranspose2d;
import sparkgan.nn.Dense;
import sparkgan.nn.Dropout;
import sparkgan.nn.LabelPlanes;
import sparkgan.nn.Layer;
import sparkgan.nn.Network;

/**
 * Convolutional networks with global depth for images of any size whose sides halve at least once:
 * the convolutions see local strokes, the dense layers after them (in D) and before them (in G)
 * combine the whole image non-linearly, as the MNIST networks of InfoGAN and WGAN-GP do. Kernels 4,
 * stride 2, padding 1; no batch norm, so that a moving average of G is the whole of G.
 * <ul>
 *   <li>stages: sides are halved while both exceed 7 and are even, so 28 ends at 7x7, 32 and 64 at 4x4;</li>
 *   <li>D: per stage a convolution (w, 2w, 4w ... channels) and the hidden activation (and dropout),
 *       then dense hidden layers, then the logit; D's heads read the last hidden layer. A
 *       conditional D first spreads the one-hot label over K more input planes;</li>
 *   <li>G: z (and the one-hot label or code) -> dense hidden layers -> dense (channels of D's last
 *       stage) x S x S -> per stage a transposed convolution halving the channels, the last one to the
 *       image's, then the output activation.</li>
 * </ul>
 */
public final class ConvNetworks {
    /** The side at or below which the stages stop halving. */
    static final int SMALLEST_SIDE = 7;

    /** How each network's hidden layers are made. */
    public record Hidden(int[] widths, Activation activation, float dropout) {
    }

    private ConvNetworks() {
    }

    /** The number of stride-2 stages for images of {@code shape} (0: the sides cannot be halved). */
    public static int stages(ImageShape shape) {
        int h = shape.height();
        int w = shape.width();
        int n = 0;
        while (h > SMALLEST_SIDE && w > SMALLEST_SIDE && h % 2 == 0 && w % 2 == 0) {
            h /= 2;
            w /= 2;
            n++;
        }
        return n;
    }

    /** Channels of D's convolution at {@code stage} (and of G's input to the mirrored one). */
    static int channels(int width, int stage) {
        return width << stage;
    }

    /** D from images of {@code shape} (and {@code classes} label columns) to one logit. */
    public static Network discriminator(ImageShape shape, int width, int classes, Hidden hidden) {
        List<Layer> layers = new ArrayList<>();
        if (classes > 0) {
            layers.add(new LabelPlanes(shape.channels(), shape.height(), shape.width(), classes));
        }
        int c = shape.channels() + classes;
        int h = shape.height();
        int w = shape.width();
        for (int s = 0; s < stages(shape); s++) {
            Conv2d conv = new Conv2d(c, h, w, channels(width, s), 4, 2, 1);
            layers.add(conv);
            activate(layers, hidden, conv.outputWidth());
            c = conv.outChannels();
            h = conv.outHeight();
            w = conv.outWidth();
        }
        int in = c * h * w;
        for (int units : hidden.widths()) {
            layers.add(new Dense(in, units));
            activate(layers, hidden, units);
            in = units;
        }
        layers.add(new Dense(in, 1));
        return new Network(layers);
    }

    /** G from {@code inputs} values (noise, and a one-hot code or label) to images of {@code shape}. */
    public static Network generator(ImageShape shape, int width, int inputs, Hidden hidden, Activation output) {
        int stages = stages(shape);
        int h = shape.height() >> stages;
        int w = shape.width() >> stages;
        int c = channels(width, stages - 1);
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int units : hidden.widths()) {
            layers.add(new Dense(in, units));
            activate(layers, hidden, units);
            in = units;
        }
        layers.add(new Dense(in, c * h * w));
        layers.add(new ActivationLayer(hidden.activation(), c * h * w));
        for (int s = stages - 1; s >= 0; s--) {
            int out = s == 0 ? shape.channels() : channels(width, s - 1);
            ConvTranspose2d up = new ConvTranspose2d(c, h, w, out, 4, 2, 1);
            layers.add(up);
            if (s > 0) {
                layers.add(new ActivationLayer(hidden.activation(), up.outputWidth()));
            }
            c = out;
            h = up.outHeight();
            w = up.outWidth();
        }
        if (output != Activation.LINEAR) {
            layers.add(new ActivationLayer(output, c * h * w));
        }
        return new Network(layers);
    }

    private static void activate(List<Layer> layers, Hidden hidden, int width) {
        if (hidden.activation() != Activation.LINEAR) {
            layers.add(new ActivationLayer(hidden.activation(), width));
        }
        if (hidden.dropout() > 0f) {
            layers.add(new Dropout(hidden.dropout(), width));
        }
    }

    /** The parameters of both networks without building them (for the heap check before allocation). */
    static long parameters(ImageShape shape, int width, int inputs, int classes, int[] dHidden, int[] gHidden) {
        int stages = stages(shape);
        long n = 0;
        int c = shape.channels() + classes;
        for (int s = 0; s < stages; s++) {
            long out = channels(width, s);
            n += 2 * (out * c * 16 + out);  // D's convolution and G's mirrored one, about the same size
            c = (int) out;
        }
        long flat = (long) c * (shape.height() >> stages) * (shape.width() >> stages);
        n += dense(flat, dHidden, 1) + dense(inputs, gHidden, flat);
        return n;
    }

    private static long dense(long in, int[] hidden, long out) {
        long n = 0;
        long from = in;
        for (int units : hidden) {
            n += from * units + units;
            from = units;
        }
        return n + from * out + out;
    }
}
