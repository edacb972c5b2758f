package sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeneratorAverageTest {
    @Test
    void warmsUpThenAveragesWithTheConfiguredDecay() {
        GeneratorAverage avg = new GeneratorAverage(0.99f, new float[] {10f, -10f});
        // First update: decay min(0.99, 1/10) = 0.1, so the random start is mostly forgotten at once.
        avg.update(new float[] {0f, 0f}, 0);
        assertArrayEquals(new float[] {1f, -1f}, avg.weights().values(), 1e-6f);
        // After t updates the decay is (1+t)/(10+t) until it reaches 0.99 (t = 890).
        avg.update(new float[] {0f, 0f}, 1);
        assertArrayEquals(new float[] {2f / 11f, -2f / 11f}, avg.weights().values(), 1e-6f);
        float before = avg.weights().values()[0];
        avg.update(new float[] {1f, 1f}, 5000);
        assertEquals(0.99f * before + 0.01f, avg.weights().values()[0], 1e-6f);
        // A constant G is a fixed point, and the average converges to it.
        for (int t = 0; t < 3000; t++) {
            avg.update(new float[] {3f, 4f}, 5001 + t);
        }
        assertArrayEquals(new float[] {3f, 4f}, avg.weights().values(), 1e-3f);
        assertEquals(3003, avg.weights().version());
    }
}
