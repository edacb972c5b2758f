package sparkgan.gan;

import sparkgan.math.Noise;
import java.io.Serializable;

/**
 * What G's input is made of: noise, then a one-hot block of {@code classes} labels (a conditional GAN,
 * Mirza and Osindero 2014; D sees the label too) or of {@code codes} values (InfoGAN's categorical
 * code, uniform; D does not see it, its code head must recover it). At most one of the two is set.
 */
public record Latent(Noise noise, int classes, int codes) implements Serializable {
    public Latent {
        if (classes < 0 || codes < 0 || (classes > 0 && codes > 0)) {
            throw new IllegalArgumentException("a latent input has class labels or codes, not both: " + classes + ", " + codes);
        }
    }

    /** Width of the one-hot block at G's input. */
    public int oneHot() {
        return classes + codes;
    }
}
