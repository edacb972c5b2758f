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
}
