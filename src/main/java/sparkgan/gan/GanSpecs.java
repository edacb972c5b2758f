package sparkgan.gan;

import sparkgan.config.ConfigRules;
import sparkgan.config.GanConfig;
import java.util.ArrayList;
import java.util.List;
import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.CGAN_PROJECTION;
import static sparkgan.config.GanParams.DCGAN_NOISE;
import static sparkgan.config.GanParams.DCGAN_G_WIDTH;
import static sparkgan.config.GanParams.DCGAN_WIDTH;
import static sparkgan.config.GanParams.D_ACTIVATION;
import static sparkgan.config.GanParams.D_DROPOUT;
import static sparkgan.config.GanParams.D_INPUT_NOISE;
import static sparkgan.config.GanParams.D_LAYERS;
import static sparkgan.config.GanParams.D_MINIBATCH_STD;
import static sparkgan.config.GanParams.D_REAL_LABEL;
import static sparkgan.config.GanParams.G_ACTIVATION;
import static sparkgan.config.GanParams.G_DROPOUT;
import static sparkgan.config.GanParams.G_LAYERS;
import static sparkgan.config.GanParams.G_OBJECTIVE;
import static sparkgan.config.GanParams.G_OUTPUT;
import static sparkgan.config.GanParams.IMAGE_SHAPE;
import static sparkgan.config.GanParams.INFO_CODES;
import static sparkgan.config.GanParams.INFO_CONTINUOUS;
import static sparkgan.config.GanParams.INFO_CONTINUOUS_WEIGHT;
import static sparkgan.config.GanParams.INFO_WEIGHT;
import static sparkgan.config.GanParams.LOSS;
import static sparkgan.config.GanParams.NETWORK;
import static sparkgan.config.GanParams.NOISE;

import sparkgan.BadInputException;
import sparkgan.HeapBudget;
import sparkgan.data.ImageShape;
import sparkgan.gan.head.CodeHead;
import sparkgan.gan.head.Head;
import sparkgan.gan.head.MinibatchStddevHead;
import sparkgan.gan.head.ProjectionHead;
import sparkgan.math.Activation;
import sparkgan.nn.InstanceNoise;
import sparkgan.nn.Network;

/** Reads a {@link GanSpec} from a configuration, refusing what does not fit with one line naming the keys. */
public final class GanSpecs {
    /**
     * The driver holds each parameter about a dozen times (weights, gradient, the optimizer's moments,
     * the average of G, the broadcast's copies; more with local-mode tasks): a network that cannot fit
     * is refused before anything is allocated.
     */
    private static final int PARAMETER_COPIES = 12;

    private GanSpecs() {
    }

    public static GanSpec from(GanConfig c) {
        ConfigRules.checkNetworks(c);
        boolean dcgan = c.get(NETWORK).equals("dcgan");
        Network[] gd = dcgan ? dcgan(c) : fullyConnected(c);
        Network gen = gd[0];
        Network dis = gd[1];
        Latent latent = new Latent(c.get(NOISE), c.get(CGAN_CLASSES), c.get(INFO_CODES));
        float inputNoise = c.get(D_INPUT_NOISE);
        if (inputNoise > 0f) {
            dis = dis.withInput(new InstanceNoise(inputNoise, dis.inputWidth(), gen.outputWidth()));
        }
        Objective objective = new Objective(c.get(LOSS), c.get(G_OBJECTIVE).equals("minimax"), c.get(D_REAL_LABEL));
        ImageShape image = ImageShape.parse(c.get(IMAGE_SHAPE), gen.outputWidth(), IMAGE_SHAPE.name());
        int features = dis.layer(dis.layers().size() - 1).inputWidth();
        return new GanSpec(gen, dis, heads(c, features, latent), objective, latent, image);
    }

    /** G and D as g.layers and d.layers say, refused before anything is allocated when they cannot fit. */
    private static Network[] fullyConnected(GanConfig c) {
        int[] g = c.get(G_LAYERS);
        int[] d = c.get(D_LAYERS);
        requireHeapFor(c, g, d);
        Network gen = Network.fullyConnected(g, c.get(G_ACTIVATION), c.get(G_OUTPUT), c.get(G_DROPOUT));
        // D ends in a logit; the sigmoid lives in the loss, which keeps it numerically stable.
        Network dis = Network.fullyConnected(d, c.get(D_ACTIVATION), Activation.LINEAR, c.get(D_DROPOUT));
        return new Network[] {gen, dis};
    }

    /** The DCGAN networks for image.shape, dcgan.width and dcgan.gWidth. */
    private static Network[] dcgan(GanConfig c) {
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
        HeapBudget.require(((long) gen.paramCount() + dis.paramCount()) * 4 * PARAMETER_COPIES,
                keys + " (" + ((long) gen.paramCount() + dis.paramCount()) + " parameters)");
        return new Network[] {gen, dis};
    }

    /** D's heads in parameter order: the class projection or the code head, then the minibatch standard deviation. */
    private static List<Head> heads(GanConfig c, int features, Latent latent) {
        List<Head> heads = new ArrayList<>();
        if (c.get(CGAN_PROJECTION)) {
            heads.add(new ProjectionHead(latent.classes(), features));
        }
        if (latent.codes() > 0) {
            heads.add(new CodeHead(latent.codes(), c.get(INFO_CONTINUOUS), features, c.get(INFO_WEIGHT), c.get(INFO_CONTINUOUS_WEIGHT)));
        }
        int group = c.get(D_MINIBATCH_STD);
        if (group > 0) {
            heads.add(new MinibatchStddevHead(group, features));
        }
        return heads;
    }

    private static void requireHeapFor(GanConfig c, int[] g, int[] d) {
        long gParams = parameters(g);
        long dParams = parameters(d);
        String keys = "config keys 'g.layers' = '" + c.get("g.layers") + "' and 'd.layers' = '" + c.get("d.layers") + "'";
        if (Math.max(gParams, dParams) > Integer.MAX_VALUE - 8) {
            throw new BadInputException(keys + ": " + Math.max(gParams, dParams) + " parameters in one network; at most "
                    + (Integer.MAX_VALUE - 8) + " fit in one array");
        }
        HeapBudget.require((gParams + dParams) * 4 * PARAMETER_COPIES, keys + " (" + (gParams + dParams) + " parameters)");
    }

    private static long parameters(int[] sizes) {
        long n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            n += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return n;
    }
}
