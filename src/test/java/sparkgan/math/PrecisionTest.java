package sparkgan.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrecisionTest {
    /** The nearest of the two bfloat16 values around a finite x, ties to the even one, by the definition. */
    private static float nearestByDefinition(float x) {
        int bits = Float.floatToRawIntBits(x);
        int down = bits & 0xffff0000; // the neighbour nearer zero
        int up = down + 0x10000; // the one farther from zero (infinity past the largest)
        double dDown = Math.abs((double) x - Float.intBitsToFloat(down));
        double upValue = (up & 0x7fffffff) == 0x7f800000 ? Math.copySign(0x1p128, x) : Float.intBitsToFloat(up);
        double dUp = Math.abs((double) x - upValue);
        if (dDown != dUp) {
            return Float.intBitsToFloat(dDown < dUp ? down : up);
        }
        return Float.intBitsToFloat((down & 0x10000) == 0 ? down : up);
    }

    @Test
    void bfloat16RoundsToNearestTiesToEvenOverTheWholeFloatRange() {
        SplittableRandom r = new SplittableRandom(7);
        int checked = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float x = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(x)) {
                continue;
            }
            assertEquals(Float.floatToRawIntBits(nearestByDefinition(x)), Float.floatToRawIntBits(Precision.toBfloat16(x)),
                    "x = " + x + " (bits " + Integer.toHexString(Float.floatToRawIntBits(x)) + ")");
            checked++;
        }
        assertTrue(checked > 1_900_000);
        // Ties: 1 + 2^-8 lies halfway between 1 and 1 + 2^-7 and goes to the even 1; 1 + 3 * 2^-8 to 1 + 2^-6.
        assertEquals(1f, Precision.toBfloat16(1f + 0x1p-8f));
        assertEquals(1f + 0x1p-6f, Precision.toBfloat16(1f + 3 * 0x1p-8f));
        assertEquals(Float.POSITIVE_INFINITY, Precision.toBfloat16(Float.MAX_VALUE), "past the largest bfloat16");
        assertEquals(Float.NEGATIVE_INFINITY, Precision.toBfloat16(Float.NEGATIVE_INFINITY));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Precision.toBfloat16(-0f)));
        // Every NaN stays a NaN, even one whose payload sits in the low bits only.
        assertTrue(Float.isNaN(Precision.toBfloat16(Float.intBitsToFloat(0x7f800001))));
        assertTrue(Float.isNaN(Precision.toBfloat16(Float.intBitsToFloat(0xff800001))));
    }

    @Test
    void bfloat16ValuesTravelInHalfTheBytesAndComeBackExactly() throws Exception {
        SplittableRandom r = new SplittableRandom(8);
        float[] values = new float[40_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-6, 4)));
        }
        float[] rounded = Precision.BFLOAT16.rounded(values);
        byte[] half = written(rounded, Precision.BFLOAT16);
        byte[] full = written(values, Precision.FLOAT32);
        assertArrayEquals(rounded, read(half));
        assertArrayEquals(values, read(full));
        assertTrue(half.length < full.length / 2 + 1000, half.length + " bytes vs " + full.length);
        assertArrayEquals(values, Precision.FLOAT32.rounded(values), "float32 leaves the values alone");
        // The carriers round what they are given, so no caller can ship unrounded values as bfloat16.
        assertArrayEquals(rounded, new PartialSum(values.clone(), new double[0], 0, Precision.BFLOAT16).values());
        assertArrayEquals(rounded, new WeightsSnapshot(values, Precision.BFLOAT16).values());
        assertArrayEquals(values, new WeightsSnapshot(values, Precision.FLOAT32).values());
    }

    private static byte[] written(float[] values, Precision p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            FloatArrays.write(out, values, p);
        }
        return bytes.toByteArray();
    }

    private static float[] read(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return FloatArrays.read(in);
        }
    }
}
