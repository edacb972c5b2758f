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
import static sparkgan.config.GanParams.TRAIN_UPDATE;

import java.util.List;
import sparkgan.config.ConfigRules;
import sparkgan.config.GanConfig;

/** The run's settings (not the model's): the train.*, data.* and out.* keys, read and checked once. */
public final class TrainSettings {
    private final GanConfig config;
    private final int batch;
    private final int gBatch;
    private final int dSteps;
    private final boolean simultaneous;
    private final boolean chainTrainsDCopy;
    private final LearningRateSchedule lrSchedule;

    private TrainSettings(GanConfig config) {
        ConfigRules.checkTraining(config);
        ConfigRules.checkEvaluation(config);
        for (var key : List.of(TRAIN_STEPS, TRAIN_G_STEPS, TRAIN_NOISE_BANK, TRAIN_PARTITIONS, TRAIN_AGGREGATION_DEPTH, DATA_LIMIT,
                OUT_SAMPLE_EVERY, OUT_SAMPLE_COUNT, OUT_LOG_EVERY, OUT_CHECKPOINT_EVERY, OUT_KEEP_CHECKPOINTS, TRAIN_MAX_SECONDS,
                OUT_CHECKPOINT_SECONDS)) {
            config.get(key); // every value checked now, not at first use
        }
        config.get(TRAIN_SEED);
        this.config = config;
        this.batch = config.get(TRAIN_BATCH);
        int g = config.get(TRAIN_G_BATCH);
        this.gBatch = g == 0 ? batch : g;
        this.dSteps = config.get(TRAIN_D_STEPS);
        this.simultaneous = config.get(TRAIN_UPDATE).equals("simultaneous");
        this.chainTrainsDCopy = config.get(TRAIN_CHAIN_D).equals("trained-copy");
        this.lrSchedule = LearningRateSchedule.from(config);
    }

    public static TrainSettings from(GanConfig config) {
        return new TrainSettings(config);
    }

    /** Alternating iterations to train (train.steps). */
    public int steps() {
        return config.get(TRAIN_STEPS);
    }

    /** Real images (and fakes) per D step. */
    public int batch() {
        return batch;
    }

    public int dSteps() {
        return dSteps;
    }

    public int gSteps() {
        return config.get(TRAIN_G_STEPS);
    }

    /** Noise vectors per G step (train.gBatch, or train.batch when 0). */
    public int gBatch() {
        return gBatch;
    }

    public int noiseBank() {
        return config.get(TRAIN_NOISE_BANK);
    }

    public boolean chainTrainsDCopy() {
        return chainTrainsDCopy;
    }

    public boolean simultaneous() {
        return simultaneous;
    }

    public long seed() {
        return config.get(TRAIN_SEED);
    }

    /** Data partitions, 0 for the engine's default. */
    public int partitions() {
        return config.get(TRAIN_PARTITIONS);
    }

    public int aggregationDepth() {
        return config.get(TRAIN_AGGREGATION_DEPTH);
    }

    /** Where the training data is, or null to look in the default places. */
    public String dataUri() {
        String uri = config.get(DATA_URI);
        return uri.isBlank() ? null : uri;
    }

    public int dataLimit() {
        return config.get(DATA_LIMIT);
    }

    public List<String> mirrors() {
        return config.get(DATA_MIRRORS);
    }

    public int sampleEvery() {
        return config.get(OUT_SAMPLE_EVERY);
    }

    public int sampleCount() {
        return config.get(OUT_SAMPLE_COUNT);
    }

    public int logEvery() {
        return config.get(OUT_LOG_EVERY);
    }

    public int checkpointEvery() {
        return config.get(OUT_CHECKPOINT_EVERY);
    }

    public int keepCheckpoints() {
        return config.get(OUT_KEEP_CHECKPOINTS);
    }

    public int maxSeconds() {
        return config.get(TRAIN_MAX_SECONDS);
    }

    public LearningRateSchedule lrSchedule() {
        return lrSchedule;
    }

    public int checkpointSeconds() {
        return config.get(OUT_CHECKPOINT_SECONDS);
    }

    /** treeAggregate depth: configured, or 2 up to 16 partitions and 3 above (fan-in ~ sqrt/cbrt). */
    public int depthFor(int numPartitions) {
        int depth = aggregationDepth();
        if (depth > 0) {
            return depth;
        }
        return numPartitions <= 16 ? 2 : 3;
    }
}
