package sparkgan.math;

import java.util.SplittableRandom;

/**
 * Random streams keyed by (seed, step, phase, partition, purpose). A stream depends on nothing but
 * its key, so a retried Spark task, a resumed run or another machine draws exactly the same numbers,
 * and two keys that differ in any component give unrelated streams.
 */
public final class RandomStreams {
    /** What a stream is used for; each purpose gets its own stream so that adding draws for one
     *  never shifts another. */
    public enum Purpose {
        NOISE, DROPOUT, LABELS, SHUFFLE, INIT, GENERATE, BANK, BANK_ORDER
    }

    private RandomStreams() {
    }

    public static SplittableRandom stream(long seed, long step, int phase, int partition, Purpose purpose) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h ^ step * 0x9E3779B97F4A7C15L);
        h = mix(h ^ (phase + 1L) * 0xC2B2AE3D27D4EB4FL);
        h = mix(h ^ (partition + 1L) * 0x165667B19E3779F9L);
        h = mix(h ^ (purpose.ordinal() + 1L) * 0xD6E8FEB86659FD93L);
        return new SplittableRandom(h);
    }

    /** The finaliser of SplitMix64 / MurmurHash3: a bijection that scatters every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fills rows x cols with N(0,1). */
    public static void gaussian(SplittableRandom rng, float[] out, int off, int len) {
        for (int i = off; i < off + len; i++) {
            out[i] = (float) rng.nextGaussian();
        }
    }

    /**
     * A permutation of 0..n-1 (Fisher-Yates) from the given stream.
     */
    public static int[] permutation(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
