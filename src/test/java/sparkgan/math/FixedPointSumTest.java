package sparkgan.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointSumTest {
    @Test
    void everyMergeOrderGivesTheSameBitsWhereFloatsDoNot() {
        Random r = new Random(1);
        int parts = 7;
        int len = 1000;
        List<float[]> partials = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            float[] v = new float[len];
            for (int i = 0; i < len; i++) {
                v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(6) - 3));
            }
            partials.add(v);
        }
        long[] reference = null;
        boolean floatOrderMattered = false;
        float[] firstFloat = null;
        for (int trial = 0; trial < 20; trial++) {
            List<float[]> order = new ArrayList<>(partials);
            Collections.shuffle(order, new Random(trial));
            FixedPointSum total = new FixedPointSum(len);
            float[] floatTotal = new float[len];
            for (float[] v : order) {
                FixedPointSum one = new FixedPointSum(len);
                one.add(v, 0, 0, len);
                total.addAll(one);
                for (int i = 0; i < len; i++) {
                    floatTotal[i] += v[i];
                }
            }
            long[] raw = new long[len];
            for (int i = 0; i < len; i++) {
                raw[i] = total.raw(i);
            }
            if (reference == null) {
                reference = raw;
                firstFloat = floatTotal;
            } else {
                assertArrayEquals(reference, raw, "fixed-point sum depends on merge order");
                floatOrderMattered |= !java.util.Arrays.equals(firstFloat, floatTotal);
            }
        }
        // The control: plain float addition does depend on the order (else this test proves nothing).
        assertEquals(true, floatOrderMattered);
        // And the exact sum is accurate.
        FixedPointSum total = new FixedPointSum(len);
        for (float[] v : partials) {
            total.add(v, 0, 0, len);
        }
        for (int i = 0; i < len; i++) {
            double exact = 0;
            for (float[] v : partials) {
                exact += v[i];
            }
            assertEquals(exact, total.get(i), 1e-9);
        }
    }

    @Test
    void divergenceIsReportedNotSummed() {
        FixedPointSum s = new FixedPointSum(4);
        s.add(new float[] {Float.NaN, 1e30f, Float.NEGATIVE_INFINITY, 2f}, 0, 0, 4);
        assertEquals(3, s.unrepresentable(), "NaN, out of range and infinity are counted");
        assertEquals(0.0, s.get(0), 0.0, "and left out of the sum");
        assertEquals(2.0, s.get(3), 0.0);
        FixedPointSum other = new FixedPointSum(s.length());
        other.add(0, Double.NaN);
        s.addAll(other);
        assertEquals(4, s.unrepresentable(), "counts travel with the merge");
        assertThrows(ArithmeticException.class, () -> FixedPointSum.toFixed(Double.NaN));
        assertNotEquals(0, FixedPointSum.toFixed(1e-10));
    }

    @Test
    void runsCheckedTogetherConvertAsTermByTerm() {
        // Lengths across the checked runs' boundaries, special values placed at a run's first and last
        // element and alone in a run; subnormals and both zeros on the fast path.
        Random r = new Random(3);
        int len = 3 * 2048 + 17;
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 6));
        }
        v[0] = Float.MIN_VALUE;
        v[1] = -0f;
        v[2] = 1.5f / (1L << 36); // exactly half a unit: rint rounds to even
        v[2048] = Float.NaN;
        v[4095] = 1e30f;
        v[4096 + 100] = Float.NEGATIVE_INFINITY;
        v[len - 1] = -2.5f / (1L << 36);
        for (int offset : new int[] {0, 1, 2047}) {
            int n = len - offset;
            FixedPointSum fast = new FixedPointSum(n + 5);
            fast.add(v, offset, 5, n);
            FixedPointSum byTerm = new FixedPointSum(n + 5);
            long expectedBad = 0;
            for (int i = 0; i < n; i++) {
                byTerm.add(5 + i, v[offset + i]);
                expectedBad += Float.isFinite(v[offset + i]) && Math.abs(v[offset + i]) < 1e20 ? 0 : 1;
            }
            for (int i = 0; i < n + 5; i++) {
                assertEquals(byTerm.raw(i), fast.raw(i), "index " + i + " from offset " + offset);
            }
            assertEquals(expectedBad, fast.unrepresentable());
            assertEquals(expectedBad, byTerm.unrepresentable());
        }
        assertEquals(2, FixedPointSum.toFixed(1.5 / (1L << 36)), "half a unit rounds to even");
    }

    @Test
    void scaledToIsTheFixedValueTimesTheFactorRoundedOnce() {
        Random r = new Random(4);
        int len = 5000;
        FixedPointSum s = new FixedPointSum(len);
        for (int i = 0; i < len; i++) {
            s.add(i, r.nextGaussian() * Math.pow(10, r.nextInt(12) - 8));
        }
        for (double factor : new double[] {1.0 / 64, 1.0 / 3, 1.0 / 1000}) {
            float[] out = new float[len];
            s.scaledTo(0, len, factor, out, 0);
            for (int i = 0; i < len; i++) {
                assertEquals(Float.floatToRawIntBits((float) (FixedPointSum.toDouble(s.raw(i)) * factor)),
                        Float.floatToRawIntBits(out[i]), "index " + i + ", factor " + factor);
            }
        }
    }

    @Test
    void aPartialReadFromItsCompactFormIsTheSumOfThePartial() throws Exception {
        // More values than one chunk of the bulk format, a NaN and statistics: what a task sends back.
        Random r = new Random(5);
        float[] v = new float[40_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        v[16_384] = Float.NaN;
        PartialSum partial = new PartialSum(v, new double[] {3.25, -1e-9, Double.POSITIVE_INFINITY}, 12_345);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            partial.writeCompact(out);
        }
        FixedPointSum read;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            read = PartialSum.readAsFixedPoint(in);
        }
        FixedPointSum expected = FixedPointSum.of(partial);
        assertEquals(expected.length(), read.length());
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.raw(i), read.raw(i), "index " + i);
        }
        assertEquals(2, read.unrepresentable(), "the NaN value and the infinite statistic");
        assertEquals(12_345, read.maxComputeNanos());
        assertEquals(3.25, read.get(v.length), 0.0);
    }
}
