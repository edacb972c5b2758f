package sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What a convolution and its transpose share: a weight matrix of {@link #matrixRows()} x
 * {@link #patch()} (then one bias per output channel), each row unfolded into patch() x
 * {@link #positions()} columns kept for the backward pass, and one product of that size per row.
 */
interface ConvolutionLayer extends Layer {
    /** Rows of the weight matrix: the output channels of a convolution, the input channels of its transpose. */
    int matrixRows();

    /** Rows of the unfolded columns: (channel, kernel row, kernel column) on the unfolded side. */
    int patch();

    /** Columns of the unfolded columns: the positions on the other side. */
    int positions();

    /** Weights feeding one output, and one input feeds (for the Glorot range). */
    int fanIn();

    int fanOut();

    @Override
    default void initialize(ParamSlice params, RandomGenerator rng) {
        params.fillGlorot(matrixRows() * patch(), fanIn(), fanOut(), rng);
    }

    @Override
    default void markDecayed(boolean[] decayed, int offset) {
        Arrays.fill(decayed, offset, offset + matrixRows() * patch(), true);
    }

    @Override
    default long macsPerRow() {
        return (long) matrixRows() * patch() * positions();
    }

    @Override
    default int keptPerRow() {
        return patch() * positions();
    }
}
