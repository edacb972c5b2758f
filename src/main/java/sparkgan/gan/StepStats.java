package sparkgan.gan;

import sparkgan.math.FixedPointSum;

/**
 * The statistics of one step, summed over every partition: the loss, D's outputs on the real and
 * the fake rows, how many of them D classified correctly, and how many rows of each kind there were.
 * The kernel lays them out after the gradient ({@link GanKernel#STATS} values); this reads them.
 */
public record StepStats(double loss, double dRealSum, double dFakeSum, double correct, double realCount, double fakeCount) {

    /** The statistics stored in {@code sums} from index {@code at} (right after the gradient they follow). */
    public static StepStats of(FixedPointSum sums, int at) {
        return new StepStats(sums.get(at + GanKernel.STAT_LOSS), sums.get(at + GanKernel.STAT_D_REAL),
                sums.get(at + GanKernel.STAT_D_FAKE), sums.get(at + GanKernel.STAT_CORRECT),
                sums.get(at + GanKernel.STAT_REAL_COUNT), sums.get(at + GanKernel.STAT_FAKE_COUNT));
    }

    /** D's loss per row, over real and fake rows. */
    public double discriminatorLoss() {
        return loss / (realCount + fakeCount);
    }

    /** G's loss per fake row. */
    public double generatorLoss() {
        return loss / fakeCount;
    }

    public double meanDReal() {
        return dRealSum / realCount;
    }

    public double meanDFake() {
        return dFakeSum / fakeCount;
    }

    public double accuracy() {
        return correct / (realCount + fakeCount);
    }
}
