package sparkgan.gan;

import sparkgan.config.ConfigRules;
import sparkgan.config.GanConfig;
import sparkgan.config.GeneratorObjective;
import java.util.ArrayList;
import java.util.List;
import static sparkgan.config.GanParams.CGAN_CLASSES;
import static sparkgan.config.GanParams.CGAN_PROJECTION;
import static sparkgan.config.GanParams.D_INPUT_NOISE;
import static sparkgan.config.GanParams.D_MINIBATCH_STD;
import static sparkgan.config.GanParams.D_REAL_LABEL;
import static sparkgan.config.GanParams.G_OBJECTIVE;
import static sparkgan.config.GanParams.IMAGE_SHAPE;
import static sparkgan.config.GanParams.INFO_CODES;
import static sparkgan.config.GanParams.INFO_CONTINUOUS;
import static sparkgan.config.GanParams.INFO_CONTINUOUS_WEIGHT;
import static sparkgan.config.GanParams.INFO_WEIGHT;
import static sparkgan.config.GanParams.LOSS;
import static sparkgan.config.GanParams.NOISE;

import sparkgan.HeapBudget;
import sparkgan.data.ImageShape;
import sparkgan.gan.head.CodeHead;
import sparkgan.gan.head.Head;
import sparkgan.gan.head.MinibatchStddevHead;
import sparkgan.gan.head.ProjectionHead;
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
        NetworkFamily family = NetworkFamily.of(c);
        family.check(c);
        ConfigRules.checkHeads(c, family.generatorInputs(c), family.discriminatorHasHidden(c));
        NetworkFamily.Networks networks = family.build(c);
        Network gen = networks.generator();
        Network dis = networks.discriminator();
        Latent latent = new Latent(c.get(NOISE), c.get(CGAN_CLASSES), c.get(INFO_CODES));
        float inputNoise = c.get(D_INPUT_NOISE);
        if (inputNoise > 0f) {
            dis = dis.withInput(new InstanceNoise(inputNoise, dis.inputWidth(), gen.outputWidth()));
        }
        Objective objective = new Objective(c.get(LOSS), c.get(G_OBJECTIVE) == GeneratorObjective.MINIMAX, c.get(D_REAL_LABEL));
        ImageShape image = ImageShape.parse(c.get(IMAGE_SHAPE), gen.outputWidth(), IMAGE_SHAPE.name());
        int features = dis.layer(dis.layers().size() - 1).inputWidth();
        return new GanSpec(gen, dis, heads(c, features, latent), objective, latent, image);
    }

    /** Refuses networks of {@code params} parameters that the heap cannot hold; {@code keys} name what sets their size. */
    static void requireHeap(long params, String keys) {
        HeapBudget.require(params * 4 * PARAMETER_COPIES, keys + " (" + params + " parameters)");
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
}
