package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost model's arithmetic against cases worked out by hand from Spark's treeAggregate rule. */
class SyncCostModelTest {
    @Test
    void theDriverTakesEveryPartialUpToFivePartitionsAtDepthTwo() {
        for (int p = 1; p <= 5; p++) {
            assertEquals(List.of(p), SyncCostModel.aggregationLevels(p, 2), "partitions " + p);
        }
    }

    @Test
    void largerTreesAddShuffleLevels() {
        // 6: scale 3, 6 > 3 + 2, so 2 reducers of 3, then the driver 2.
        assertEquals(List.of(3, 2), SyncCostModel.aggregationLevels(6, 2));
        // 8: scale 3, 8 > 3 + 3, so 8 / 3 = 2 reducers of 4; 2 <= 3 + 1.
        assertEquals(List.of(4, 2), SyncCostModel.aggregationLevels(8, 2));
        // 16: scale 4, 16 > 4 + 4, so 4 reducers of 4; 4 <= 4 + 1.
        assertEquals(List.of(4, 4), SyncCostModel.aggregationLevels(16, 2));
        // 32 at depth 3: scale 4 (ceil of 3.17), 32 -> 8 -> 2.
        assertEquals(List.of(4, 4, 2), SyncCostModel.aggregationLevels(32, 3));
        // 64 at depth 3: 64^(1/3) is 3.9999999999999996 in floating point, ceil 4 as in Spark: 64 -> 16 -> 4.
        assertEquals(List.of(4, 4, 4), SyncCostModel.aggregationLevels(64, 3));
    }

    @Test
    void broadcastRoundsAreTheCeilingOfLog2OfEPlusOne() {
        int[] expected = {0, 1, 2, 2, 3, 3, 3, 3, 4};
        for (int e = 1; e < expected.length; e++) {
            assertEquals(expected[e], SyncCostModel.broadcastRounds(e), "executors " + e);
        }
        assertEquals(7, SyncCostModel.broadcastRounds(64));
    }

    @Test
    void aSyncAddsTheKernelShareTheFixedCostTheBroadcastAndTheAggregation() {
        SyncCostModel model = new SyncCostModel(20, 3.8);
        // 8 executors, depth 2, 5.9 MB each way, 10 Gbit/s = 1.25 MB/ms, a 211.6 ms kernel:
        // 211.6 / 8 + 20 + 5.9 / 1.25 x 4 rounds + (4 + 2) x (5.9 / 1.25 + 3.8 x 5.9).
        double expected = 26.45 + 20 + 18.88 + 6 * (4.72 + 22.42);
        assertEquals(expected, model.syncMs(211.6, 8, 2, new SyncCostModel.Payload(5.9, 5.9), 10), 1e-9);
    }
}
