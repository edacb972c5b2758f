package sparkgan.math;

import java.util.Locale;
import sparkgan.BadInputException;

/**
 * Losses of a sigmoid output unit, computed from its logit z so that they stay finite when the
 * discriminator is very sure: binary cross-entropy, and the squared error on sigmoid(z) that
 * DeepLearnToolbox uses for sigmoid outputs (the loss of the reference experiment).
 */
public enum Loss {
    BCE, MSE;

    public static Loss parse(String name, String key) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "bce": return BCE;
            case "mse": return MSE;
            default:
                throw new BadInputException("config key '" + key + "': unknown loss '" + name
                        + "', expected bce or mse");
        }
    }

    /** The loss of logit z against target y in [0,1]. */
    public double value(float z, float y) {
        if (this == BCE) {
            // max(z,0) - z*y + log(1 + exp(-|z|)): the stable form of -y log s - (1-y) log(1-s).
            return Math.max(z, 0.0) - (double) z * y + Math.log1p(Math.exp(-Math.abs((double) z)));
        }
        double s = Activation.sigmoid(z);
        return 0.5 * (s - y) * (s - y);
    }

    /** dLoss/dz. */
    public float gradient(float z, float y) {
        float s = Activation.sigmoid(z);
        if (this == BCE) {
            return s - y;
        }
        return (s - y) * s * (1f - s);
    }
}
