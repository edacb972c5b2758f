package sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import sparkgan.testing.TestData;

/** The fixed noise bank: each partition walks its own share, every vector once per epoch. */
class NoiseBankTest {
    private static final int BANK = 30;

    private static Set<List<Float>> rows(float[] noise, int n, int nz) {
        Set<List<Float>> out = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Float[] row = new Float[nz];
            for (int k = 0; k < nz; k++) {
                row[k] = noise[i * nz + k];
            }
            out.add(List.of(row));
        }
        return out;
    }

    @Test
    void partitionsWalkDisjointSharesOfTheBankOncePerEpoch() {
        GanSpec spec = GanSpec.from(TestData.tinyConfig().with("noise", "gaussian-minmax"));
        int nz = spec.noiseDim();
        SlicePlan plan = new SlicePlan(new int[] {100, 100}, 10);
        // Partition p owns 15 vectors; minibatches of 5 rows: cursors 0-2 are epoch 0, 3-5 epoch 1.
        Set<List<Float>> all = new HashSet<>();
        for (int p = 0; p < 2; p++) {
            float[] epoch0 = new float[15 * nz];
            float[] epoch1 = new float[15 * nz];
            for (int c = 0; c < 3; c++) {
                float[] part = new float[5 * nz];
                MinibatchSampler.fillFromBank(spec, 7, BANK, plan, p, c, 5, part);
                System.arraycopy(part, 0, epoch0, c * 5 * nz, 5 * nz);
                MinibatchSampler.fillFromBank(spec, 7, BANK, plan, p, c + 3, 5, part);
                System.arraycopy(part, 0, epoch1, c * 5 * nz, 5 * nz);
            }
            Set<List<Float>> s0 = rows(epoch0, 15, nz);
            assertEquals(15, s0.size(), "an epoch visits each of the partition's 15 vectors once");
            assertEquals(s0, rows(epoch1, 15, nz), "the next epoch revisits the same vectors");
            assertFalse(Arrays.equals(epoch0, epoch1), "in a new order");
            all.addAll(s0);
        }
        assertEquals(BANK, all.size(), "the two partitions' shares are disjoint and cover the bank");
        // Min-max scaled noise lies in [0,1].
        float[] one = new float[5 * nz];
        MinibatchSampler.fillFromBank(spec, 7, BANK, plan, 0, 0, 5, one);
        for (float v : one) {
            assertTrue(v >= 0f && v <= 1f, "min-max noise " + v);
        }
        // Another seed is another bank.
        float[] other = new float[5 * nz];
        MinibatchSampler.fillFromBank(spec, 8, BANK, plan, 0, 0, 5, other);
        assertFalse(Arrays.equals(one, other));
    }
}
