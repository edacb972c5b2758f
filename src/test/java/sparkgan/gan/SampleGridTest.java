package sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Grids of samples grouped by label or code value stay close to square. */
class SampleGridTest {
    @Test
    void gridsGroupedByValueStayCloseToSquare() {
        assertEquals(10, Sampler.gridColumns(100, 10), "10 classes of 10: one class per row");
        assertEquals(10, Sampler.gridColumns(100, 20), "20 codes of 5: two codes per row, 10 x 10 (it was a 20 x 5 strip)");
        assertEquals(10, Sampler.gridColumns(100, 2), "2 classes of 50 run on over 10 columns, not a 2-row strip");
        assertEquals(4, Sampler.gridColumns(16, 20), "16 samples of 20 codes: one each, 4 x 4");
        assertEquals(7, Sampler.gridColumns(64, 10), "10 classes of 7 in 64: one class per row of 7");
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3}, Sampler.grouped(10, 4));
    }
}
