package sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import sparkgan.BadInputException;

class SlicePlanTest {
    @Test
    void slicesAreProportionalAndSumToTheBatch() {
        SlicePlan plan = new SlicePlan(new int[] {30000, 30000}, 64);
        assertArrayEquals(new int[] {32, 32}, plan.slices());
        SlicePlan uneven = new SlicePlan(new int[] {12000, 12000, 12000, 12000, 12001}, 64);
        assertEquals(64, Arrays.stream(uneven.slices()).sum());
        for (int s : uneven.slices()) {
            assertEquals(12.8, s, 1.0);
        }
        SlicePlan skewed = new SlicePlan(new int[] {100, 300}, 10);
        assertArrayEquals(new int[] {3, 7}, skewed.slices());
    }

    @Test
    void impossibleBatchesAreRejected() {
        assertThrows(BadInputException.class, () -> new SlicePlan(new int[] {10, 10}, 0));
        assertThrows(BadInputException.class, () -> new SlicePlan(new int[] {10, 10}, 21));
    }
}
