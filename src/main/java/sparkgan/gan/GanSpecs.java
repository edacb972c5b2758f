package sparkgan.gan;

import sparkgan.config.GanConfig;
import java.util.ArrayList;
import java.util.List;
import sparkgan.BadInputException;
import sparkgan.HeapBudget;
import sparkgan.gan.head.CodeHead;
import sparkgan.gan.head.Head;
import sparkgan.gan.head.MinibatchStddevHead;
import sparkgan.gan.head.ProjectionHead;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
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
        int[] g = c.getSizes("g.layers");
        int[] d = c.getSizes("d.layers");
        requireHeapFor(c, g, d);
        Latent latent = latent(c, g, d);
        if (d[d.length - 1] != 1) {
            throw new BadInputException("config key 'd.layers' = '" + c.get("d.layers")
                    + "': expected the last width to be 1 (the logit of real)");
        }
        Activation gOut = Activation.parse(c.get("g.output"), "g.output");
        if (gOut != Activation.TANH && gOut != Activation.SIGMOID) {
            throw new BadInputException("config key 'g.output' = '" + c.get("g.output") + "': expected tanh or sigmoid");
        }
        Network gen = Network.fullyConnected(g, Activation.parse(c.get("g.activation"), "g.activation"), gOut,
                c.getFloat("g.dropout", 0f, 1f, false, true));
        // D ends in a logit; the sigmoid lives in the loss, which keeps it numerically stable.
        Network dis = Network.fullyConnected(d, Activation.parse(c.get("d.activation"), "d.activation"), Activation.LINEAR,
                c.getFloat("d.dropout", 0f, 1f, false, true));
        return new GanSpec(gen, dis, heads(c, d, latent), objective(c), latent);
    }

    private static Latent latent(GanConfig c, int[] g, int[] d) {
        int classes = c.getInt("cgan.classes", 0, 1000);
        int codes = c.getInt("info.codes", 0, 1000);
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
        if (codes > 0 && (classes > 0 || d.length < 3)) {
            throw new BadInputException("config key 'info.codes' = " + codes + ": needs cgan.classes = 0 and a hidden layer in d.layers");
        }
        return new Latent(Noise.parse(c.get("noise")), classes, codes);
    }

    private static Objective objective(GanConfig c) {
        String objective = c.get("g.objective").trim();
        if (!objective.equals("nonsaturating") && !objective.equals("minimax")) {
            throw new BadInputException("config key 'g.objective' = '" + objective + "': expected nonsaturating or minimax");
        }
        return new Objective(Loss.parse(c.get("loss"), "loss"), objective.equals("minimax"),
                c.getFloat("d.realLabel", 0f, 1f, true, false));
    }

    /** D's heads in parameter order: the class projection or the code head, then the minibatch standard deviation. */
    private static List<Head> heads(GanConfig c, int[] d, Latent latent) {
        boolean hidden = d.length > 2;
        int features = d[d.length - 2];
        List<Head> heads = new ArrayList<>();
        if (c.getBoolean("cgan.projection")) {
            if (latent.classes() == 0 || !hidden) {
                throw new BadInputException("config key 'cgan.projection' = true: needs cgan.classes > 0 and a hidden layer in d.layers");
            }
            heads.add(new ProjectionHead(latent.classes(), features));
        }
        int continuous = c.getInt("info.continuous", 0, 1000);
        if (continuous > 0 && (latent.codes() == 0 || continuous > c.getSizes("g.layers")[0] - latent.codes())) {
            throw new BadInputException("config key 'info.continuous' = " + continuous
                    + ": needs info.codes > 0 and at most as many noise inputs in g.layers");
        }
        if (latent.codes() > 0) {
            heads.add(new CodeHead(latent.codes(), continuous, features,
                    c.getFloat("info.weight", 0f, Float.POSITIVE_INFINITY, false, false),
                    c.getFloat("info.continuousWeight", 0f, Float.POSITIVE_INFINITY, false, false)));
        }
        int group = c.getInt("d.minibatchStd", 0, 1_000_000);
        if (group == 1) {
            throw new BadInputException("config key 'd.minibatchStd' = 1: expected 0 (off) or a group size from 2");
        }
        if (group > 0) {
            if (!hidden) {
                throw new BadInputException("config key 'd.minibatchStd' = " + group + ": needs a hidden layer in d.layers");
            }
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
