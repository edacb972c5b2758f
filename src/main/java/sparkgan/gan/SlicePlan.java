package sparkgan.gan;

import java.io.Serializable;
import java.util.Arrays;
import sparkgan.BadInputException;

/**
 * How a global minibatch is split over partitions: in proportion to their sizes, by the largest
 * remainder method, so that the slices sum exactly to the batch and the split is deterministic.
 */
public final class SlicePlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] partitionSizes;
    private final int[] slices;
    private final int batch;

    public SlicePlan(int[] partitionSizes, int batch) {
        long total = 0;
        for (int s : partitionSizes) {
            total += s;
        }
        if (batch <= 0) {
            throw new BadInputException("batch " + batch + ": expected at least 1");
        }
        if (total < batch) {
            throw new BadInputException("batch " + batch + " is larger than the training set (" + total + " images)");
        }
        this.partitionSizes = partitionSizes.clone();
        this.batch = batch;
        int n = partitionSizes.length;
        slices = new int[n];
        double[] remainder = new double[n];
        int assigned = 0;
        for (int p = 0; p < n; p++) {
            double exact = (double) batch * partitionSizes[p] / total;
            slices[p] = (int) Math.floor(exact);
            remainder[p] = exact - slices[p];
            assigned += slices[p];
        }
        Integer[] order = new Integer[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        // Largest remainder first; ties to the lower partition index, for determinism.
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int i = 0; assigned < batch; i++) {
            slices[order[i % n]]++;
            assigned++;
        }
    }

    public int batch() {
        return batch;
    }

    public int partitions() {
        return slices.length;
    }

    public int slice(int partition) {
        return slices[partition];
    }

    public int partitionSize(int partition) {
        return partitionSizes[partition];
    }

    public int[] slices() {
        return slices.clone();
    }
}
