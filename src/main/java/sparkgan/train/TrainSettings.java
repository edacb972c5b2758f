package sparkgan.train;

import static sparkgan.config.GanParams.DATA_LIMIT;
import static sparkgan.config.GanParams.DATA_MIRRORS;
import static sparkgan.config.GanParams.DATA_URI;
import static sparkgan.config.GanParams.OUT_CHECKPOINT_EVERY;
import static sparkgan.config.GanParams.OUT_CHECKPOINT_SECONDS;
import static sparkgan.config.GanParams.OUT_KEEP_CHECKPOINTS;
import static sparkgan.config.GanParams.OUT_LOG_EVERY;
import static sparkgan.config.GanParams.OUT_SAMPLE_COUNT;
import static sparkgan.config.GanParams.OUT_SAMPLE_EVERY;
import static sparkgan.config.GanParams.TRAIN_AGGREGATION_DEPTH;
import static sparkgan.config.GanParams.TRAIN_BATCH;
import static sparkgan.config.GanParams.TRAIN_CHAIN_D;
import static sparkgan.config.GanParams.TRAIN_D_STEPS;
import static sparkgan.config.GanParams.TRAIN_G_BATCH;
import static sparkgan.config.GanParams.TRAIN_G_STEPS;
import static sparkgan.config.GanParams.TRAIN_MAX_SECONDS;
import static sparkgan.config.GanParams.TRAIN_NOISE_BANK;
import static sparkgan.config.GanParams.TRAIN_PARTITIONS;
import static sparkgan.config.GanParams.TRAIN_SEED;
import static sparkgan.config.GanParams.TRAIN_STEPS;
import static sparkgan.config.GanParams.TRAIN_TRANSFER;
import static sparkgan.config.GanParams.TRAIN_UPDATE;

import java.util.List;
import sparkgan.config.ChainD;
import sparkgan.config.ConfigRules;
import sparkgan.config.GanConfig;
import sparkgan.config.UpdateScheme;
import sparkgan.math.Precision;

/** The run's settings (not the model's): the train.*, data.* and out.* keys, read and checked once. */
public final class TrainSettings {
    private final int steps;
    private final int batch;
    private final int gBatch;
    private final int dSteps;
    private final int gSteps;
    private final int noiseBank;
    private final boolean simultaneous;
    private final Precision transfer;
    private final boolean chainTrainsDCopy;
    private final long seed;
    private final int partitions;
    private final int aggregationDepth;
    private final String dataUri;
    private final int dataLimit;
    private final List<String> mirrors;
    private final int sampleEvery;
    private final int sampleCount;
    private final int logEvery;
    private final int checkpointEvery;
    private final int keepCheckpoints;
    private final int maxSeconds;
    private final int checkpointSeconds;
    private final LearningRateSchedule lrSchedule;

    /** Every value read and checked once, here: the training loop and the listeners ask for them at every step. */
    private TrainSettings(GanConfig c) {
        ConfigRules.checkTraining(c);
        ConfigRules.checkEvaluation(c);
        ConfigRules.checkData(c);
        steps = c.get(TRAIN_STEPS);
        batch = c.get(TRAIN_BATCH);
        int g = c.get(TRAIN_G_BATCH);
        gBatch = g == 0 ? batch : g;
        dSteps = c.get(TRAIN_D_STEPS);
        gSteps = c.get(TRAIN_G_STEPS);
        noiseBank = c.get(TRAIN_NOISE_BANK);
        simultaneous = c.get(TRAIN_UPDATE) == UpdateScheme.SIMULTANEOUS;
        transfer = c.get(TRAIN_TRANSFER);
        chainTrainsDCopy = c.get(TRAIN_CHAIN_D) == ChainD.TRAINED_COPY;
        seed = c.get(TRAIN_SEED);
        partitions = c.get(TRAIN_PARTITIONS);
        aggregationDepth = c.get(TRAIN_AGGREGATION_DEPTH);
        String uri = c.get(DATA_URI);
        dataUri = uri.isBlank() ? null : uri;
        dataLimit = c.get(DATA_LIMIT);
        mirrors = List.copyOf(c.get(DATA_MIRRORS));
        sampleEvery = c.get(OUT_SAMPLE_EVERY);
        sampleCount = c.get(OUT_SAMPLE_COUNT);
        logEvery = c.get(OUT_LOG_EVERY);
        checkpointEvery = c.get(OUT_CHECKPOINT_EVERY);
        keepCheckpoints = c.get(OUT_KEEP_CHECKPOINTS);
        maxSeconds = c.get(TRAIN_MAX_SECONDS);
        checkpointSeconds = c.get(OUT_CHECKPOINT_SECONDS);
        lrSchedule = LearningRateSchedule.from(c);
    }

    public static TrainSettings from(GanConfig config) {
        return new TrainSettings(config);
    }

    /** Alternating iterations to train (train.steps). */
    public int steps() {
        return steps;
    }

    /** Real images (and fakes) per D step. */
    public int batch() {
        return batch;
    }

    public int dSteps() {
        return dSteps;
    }

    public int gSteps() {
        return gSteps;
    }

    /** Noise vectors per G step (train.gBatch, or train.batch when 0). */
    public int gBatch() {
        return gBatch;
    }

    public int noiseBank() {
        return noiseBank;
    }

    public boolean chainTrainsDCopy() {
        return chainTrainsDCopy;
    }

    /** The precision of the weights and gradients a sync moves. */
    public Precision transfer() {
        return transfer;
    }

    public boolean simultaneous() {
        return simultaneous;
    }

    public long seed() {
        return seed;
    }

    /** Data partitions, 0 for the engine's default. */
    public int partitions() {
        return partitions;
    }

    /** Where the training data is, or null to look in the default places. */
    public String dataUri() {
        return dataUri;
    }

    public int dataLimit() {
        return dataLimit;
    }

    public List<String> mirrors() {
        return mirrors;
    }

    public int sampleEvery() {
        return sampleEvery;
    }

    public int sampleCount() {
        return sampleCount;
    }

    public int logEvery() {
        return logEvery;
    }

    public int checkpointEvery() {
        return checkpointEvery;
    }

    public int keepCheckpoints() {
        return keepCheckpoints;
    }

    public int maxSeconds() {
        return maxSeconds;
    }

    public LearningRateSchedule lrSchedule() {
        return lrSchedule;
    }

    public int checkpointSeconds() {
        return checkpointSeconds;
    }

    /** treeAggregate depth: configured, or 2 up to 16 partitions and 3 above (fan-in ~ sqrt/cbrt). */
    public int depthFor(int numPartitions) {
        if (aggregationDepth > 0) {
            return aggregationDepth;
        }
        return numPartitions <= 16 ? 2 : 3;
    }
}
