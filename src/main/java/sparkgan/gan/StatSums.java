package sparkgan.gan;

/** A step's statistic sums (the GanKernel.STAT_* slots) at {@code offset} of a result's statistics. */
public record StatSums(double[] array, int offset) {
    public void add(int stat, double value) {
        array[offset + stat] += value;
    }

    public double get(int stat) {
        return array[offset + stat];
    }
}
