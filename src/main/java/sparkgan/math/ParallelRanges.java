package sparkgan.math;

import java.util.stream.IntStream;

/**
 * Element-wise loops over the driver's multi-megabyte vectors (the mean gradient from the merged sum,
 * the optimizer step, G's moving average), split into ranges that run on the common fork-join pool and
 * the calling thread. They run at the synchronisation barrier, while every task slot waits for the
 * new weights, and each is bound by memory traffic that one core cannot saturate. Every element is
 * computed by the same expression whichever thread runs it, so the result has the same bits.
 */
public final class ParallelRanges {
    /** Elements per range: large enough that a range costs more than handing it to another thread. */
    static final int GRAIN = 1 << 16;

    private ParallelRanges() {
    }

    /** The body of a loop over {@code [from, to)}. */
    public interface Body {
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, n) in ranges, in parallel when n is large enough to pay. */
    public static void forEach(int n, Body body) {
        int ranges = (n + GRAIN - 1) / GRAIN;
        if (ranges <= 1) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, ranges).parallel().forEach(r -> body.run(r * GRAIN, r * GRAIN + Math.min(GRAIN, n - r * GRAIN)));
    }
}
