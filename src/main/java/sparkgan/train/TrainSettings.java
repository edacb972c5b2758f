package sparkgan.train;

import java.util.List;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;

/** The run's settings (not the model's): read and validated once from the configuration. */
public record TrainSettings(int steps, int batch, int dSteps, int gSteps, int gBatch, int noiseBank, boolean chainTrainsDCopy,
                            boolean simultaneous, long seed, int partitions, int aggregationDepth,
                            String dataUri, int dataLimit, List<String> mirrors, int sampleEvery, int sampleCount, int logEvery,
                            int checkpointEvery, int keepCheckpoints, int maxSeconds,
                            LearningRateSchedule lrSchedule, int checkpointSeconds) {

    public static TrainSettings from(GanConfig c) {
        String update = c.get("train.update");
        if (!update.equals("alternating") && !update.equals("simultaneous")) {
            throw new BadInputException("config key 'train.update' = '" + update + "': expected alternating or simultaneous");
        }
        int dSteps = c.getInt("train.dSteps", 1, 1000);
        if (update.equals("simultaneous") && dSteps != 1) {
            throw new BadInputException("config key 'train.dSteps' = " + dSteps + ": simultaneous updates need 1");
        }
        int gSteps = c.getInt("train.gSteps", 1, 1000);
        String chain = c.get("train.chainD");
        if (!chain.equals("frozen") && !chain.equals("trained-copy")) {
            throw new BadInputException("config key 'train.chainD' = '" + chain + "': expected frozen or trained-copy");
        }
        if (update.equals("simultaneous") && (gSteps != 1 || chain.equals("trained-copy"))) {
            throw new BadInputException("config key 'train.update' = simultaneous: needs train.gSteps = 1 and train.chainD = frozen");
        }
        if (chain.equals("trained-copy") && c.getBoolean("d.spectralNorm")) {
            throw new BadInputException("config key 'd.spectralNorm' = true: not with train.chainD = trained-copy");
        }
        int batch = c.getInt("train.batch", 1, 1 << 20);
        int gBatch = c.getInt("train.gBatch", 0, 1 << 20);
        return new TrainSettings(
                c.getInt("train.steps", 1, Integer.MAX_VALUE),
                batch,
                dSteps, gSteps, gBatch == 0 ? batch : gBatch,
                c.getInt("train.noiseBank", 0, 1 << 24),
                chain.equals("trained-copy"),
                update.equals("simultaneous"),
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
                c.getInt("out.keepCheckpoints", 1, 1000),
                c.getInt("train.maxSeconds", 0, Integer.MAX_VALUE),
                LearningRateSchedule.from(c),
                c.getInt("out.checkpointSeconds", 0, Integer.MAX_VALUE));
    }

    /** treeAggregate depth: configured, or 2 up to 16 partitions and 3 above (fan-in ~ sqrt/cbrt). */
    public int depthFor(int numPartitions) {
        if (aggregationDepth > 0) {
            return aggregationDepth;
        }
        return numPartitions <= 16 ? 2 : 3;
    }
}
