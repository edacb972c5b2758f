package sparkgan.train;

import java.util.List;
import sparkgan.BadInputException;
import sparkgan.gan.GanConfig;

/** The run's settings (not the model's): read and validated once from the configuration. */
public record TrainSettings(int steps, int batch, int dSteps, boolean simultaneous, long seed, int partitions, int aggregationDepth,
                            String dataUri, int dataLimit, List<String> mirrors, int sampleEvery, int sampleCount, int logEvery,
                            int checkpointEvery, int keepCheckpoints) {

    public static TrainSettings from(GanConfig c) {
        String update = c.get("train.update");
        if (!update.equals("alternating") && !update.equals("simultaneous")) {
            throw new BadInputException("config key 'train.update' = '" + update + "': expected alternating or simultaneous");
        }
        int dSteps = c.getInt("train.dSteps", 1, 1000);
        if (update.equals("simultaneous") && dSteps != 1) {
            throw new BadInputException("config key 'train.dSteps' = " + dSteps + ": simultaneous updates need 1");
        }
        return new TrainSettings(
                c.getInt("train.steps", 1, Integer.MAX_VALUE),
                c.getInt("train.batch", 1, 1 << 20),
                dSteps, update.equals("simultaneous"),
                c.getLong("train.seed"),
                c.getInt("train.partitions", 0, 100_000),
                c.getInt("train.aggregationDepth", 0, 10),
                c.get("data.uri").isBlank() ? null : c.get("data.uri"),
                c.getInt("data.limit", 0, Integer.MAX_VALUE),
                c.getList("data.mirrors"),
                c.getInt("out.sampleEvery", 0, Integer.MAX_VALUE),
                c.getInt("out.sampleCount", 1, 10_000),
                c.getInt("out.logEvery", 1, Integer.MAX_VALUE),
                c.getInt("out.checkpointEvery", 0, Integer.MAX_VALUE),
                c.getInt("out.keepCheckpoints", 1, 1000));
    }

    /** treeAggregate depth: configured, or 2 up to 16 partitions and 3 above (fan-in ~ sqrt/cbrt). */
    public int depthFor(int numPartitions) {
        if (aggregationDepth > 0) {
            return aggregationDepth;
        }
        return numPartitions <= 16 ? 2 : 3;
    }
}
