package sparkgan.gan;

import sparkgan.config.ConfigRules;
import sparkgan.config.GanConfig;
import java.util.ArrayList;
import java.util.List;
import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.CGAN_PROJECTION;
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
        int[] g = c.get(G_LAYERS);
        int[] d = c.get(D_LAYERS);
        requireHeapFor(c, g, d);
        ConfigRules.checkNetworks(c);
        Latent latent = new Latent(c.get(NOISE), c.get(CGAN_CLASSES), c.get(INFO_CODES));
        Network gen = Network.fullyConnected(g, c.get(G_ACTIVATION), c.get(G_OUTPUT), c.get(G_DROPOUT));
        // D ends in a logit; the sigmoid lives in the loss, which keeps it numerically stable.
        Network dis = Network.fullyConnected(d, c.get(D_ACTIVATION), Activation.LINEAR, c.get(D_DROPOUT));
        float inputNoise = c.get(D_INPUT_NOISE);
        if (inputNoise > 0f) {
            dis = dis.withInput(new InstanceNoise(inputNoise, d[0], g[g.length - 1]));
        }
        Objective objective = new Objective(c.get(LOSS), c.get(G_OBJECTIVE).equals("minimax"), c.get(D_REAL_LABEL));
        ImageShape image = ImageShape.parse(c.get(IMAGE_SHAPE), g[g.length - 1], IMAGE_SHAPE.name());
        return new GanSpec(gen, dis, heads(c, d[d.length - 2], latent), objective, latent, image);
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
