package sparkgan.gan.head;

import java.io.Serializable;
import java.util.Arrays;
import sparkgan.nn.ParamSlice;

/**
 * A module on D's features (the input of its last layer) that adds to D's logit or carries a loss of
 * its own: the class projection, the minibatch standard deviation, InfoGAN's code head Q. Its
 * parameters follow the network's in D's vector, in the order of {@code GanSpec.heads()}, and start
 * at zero (the logit starts as the network's alone).
 *
 * <p>A head is a value (immutable, compared by its fields); its per-thread buffers live in the
 * {@link Pass} it creates. Adding one means a class implementing this interface, a line in
 * {@code GanSpec.from} that configures it, and a gradient check.
 */
public interface Head extends Serializable {
    /** Floats this head owns in D's parameter vector. */
    int paramCount();

    /** Marks the parameters that take weight decay; by default all of them. */
    default void markDecayed(boolean[] decayed, int offset) {
        Arrays.fill(decayed, offset, offset + paramCount(), true);
    }

    /** A new computation of this head with its own buffers (one per thread). */
    Pass newPass();

    /** The forward and backward computation of a head over one batch of D's rows. */
    interface Pass {
        /** Adds the head's term to the rows' logits (a head with a loss of its own computes its outputs here). */
        void forward(ParamSlice params, DiscriminatorRows rows, float[] logits);

        /**
         * Given dLoss/dLogit, adds dLoss/dParams into {@code gradient} (null: D is frozen) and
         * dLoss/dFeatures into {@code featureGrad} (rows x feature width).
         */
        void backward(ParamSlice params, DiscriminatorRows rows, float[] logitGrad, ParamSlice gradient, float[] featureGrad);
    }
}
