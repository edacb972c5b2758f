package sparkgan.gan;

/**
 * The inputs of one step on one partition: {@code rows} noise vectors (rows x noiseDim) and, as the
 * step and the GAN need them, the real images (rows x pixels; D steps), the class labels (conditional
 * GANs: of the real images in a D step, to generate in a G step) and the InfoGAN codes of the fakes.
 * Arrays may be longer than needed: only the first {@code rows} rows count.
 */
public record Minibatch(int rows, float[] noise, float[] real, int[] labels, int[] codes) {
    /** What G is given besides noise: the label (conditional) or the code (InfoGAN), else null. */
    public int[] generatorOneHot() {
        return codes != null ? codes : labels;
    }
}
