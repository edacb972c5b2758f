package sparkgan.gan.head;

/**
 * One batch of D's rows as its heads see it.
 *
 * @param features D's features, rows x width, row-major (what D's last layer read)
 * @param segment rows come in segments of this many that share a label sequence and never share a
 *     minibatch group: the D step's real half and fake half, or the G step's fakes
 * @param labels the class of row r is {@code labels[r % segment]} (conditional GANs; else null)
 * @param fakes the codes of the fake rows (InfoGAN; else null)
 */
public record DiscriminatorRows(float[] features, int width, int rows, int segment, int[] labels, FakeCodes fakes) {
}
