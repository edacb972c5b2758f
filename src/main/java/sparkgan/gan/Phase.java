package sparkgan.gan;

/** Which network a distributed step trains. */
public enum Phase {
    /** Real images labelled real, G(z) labelled fake; D's gradient. */
    DISCRIMINATOR,
    /** G(z) through a frozen D with the generator's target; G's gradient. */
    GENERATOR
}
