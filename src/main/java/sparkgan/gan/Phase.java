package sparkgan.gan;

/** Which network a distributed step trains. */
public enum Phase {
    /** Real images labelled real, G(z) labelled fake; D's gradient. */
    DISCRIMINATOR,
    /** G(z) through a frozen D with the generator's target; G's gradient. */
    GENERATOR,
    /** Both gradients from the same weights in one pass (simultaneous updates: one sync per iteration). */
    BOTH,
    /**
     * G(z) through a copy of D with the generator's target; gradients for both (D's first). The
     * DeepLearnToolbox chain network: its D part is trained along with G, then thrown away.
     */
    CHAIN
}
