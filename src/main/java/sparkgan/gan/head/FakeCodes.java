package sparkgan.gan.head;

/**
 * What the fakes among D's rows were made from, for InfoGAN's code head.
 *
 * @param codes the categorical code of each fake
 * @param noise each fake's noise vector, count x noiseDim (its first values are the continuous codes)
 * @param firstRow where the fakes start among D's rows
 * @param count how many fakes there are
 * @param rowsPerFake D's rows per fake: the code loss is a mean over the fakes while D's gradient
 *     sums are divided by all the rows D saw, so each fake's term is weighted by this ratio
 */
public record FakeCodes(int[] codes, float[] noise, int noiseDim, int firstRow, int count, float rowsPerFake) {
}
