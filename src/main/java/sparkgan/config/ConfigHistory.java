package sparkgan.config;

import java.util.Map;
import java.util.Set;

/**
 * What a stored configuration means when it lacks a key. Model files, checkpoints and a run's
 * config.properties record every key their build knew; a key added later is absent from them, and
 * the file was made by code that behaved as this table says, not as today's default would. So a
 * file never changes meaning when a default changes or a feature is added. Every key added to
 * conf/gan.properties after the first release must be entered here (ConfigHistoryTest checks it).
 */
public final class ConfigHistory {
    private ConfigHistory() {
    }

    /** The keys of the first release (format version 1). */
    public static final Set<String> FIRST_RELEASE_KEYS = Set.of(
            "d.activation", "d.beta1", "d.beta2", "d.dropout", "d.layers", "d.lr", "d.momentum", "d.optimizer", "d.realLabel",
            "d.weightDecay", "data.limit", "data.mirrors", "g.activation", "g.beta1", "g.beta2", "g.dropout", "g.layers", "g.lr",
            "g.momentum", "g.objective", "g.optimizer", "g.output", "g.weightDecay", "loss", "noise", "out.logEvery",
            "out.sampleCount", "out.sampleEvery", "train.aggregationDepth", "train.batch", "train.dSteps", "train.partitions",
            "train.seed", "train.steps");

    /** Each later key with the value that reproduces what the code did before the key existed. */
    public static final Map<String, String> BEFORE_IT_EXISTED = Map.ofEntries(
            Map.entry("data.uri", ""),
            Map.entry("out.checkpointEvery", "500"),
            Map.entry("out.keepCheckpoints", "3"),
            Map.entry("train.update", "alternating"),
            Map.entry("cgan.classes", "0"),
            Map.entry("eval.every", "0"),
            Map.entry("eval.samples", "5000"),
            Map.entry("eval.data", ""),
            Map.entry("eval.classifierCache", "data/classifier"),
            Map.entry("g.ema", "0"),
            Map.entry("train.chainD", "frozen"),
            Map.entry("train.gBatch", "0"),
            Map.entry("train.gSteps", "1"),
            Map.entry("train.maxSeconds", "0"),
            Map.entry("train.noiseBank", "0"),
            Map.entry("cgan.projection", "false"),
            Map.entry("train.lrSchedule", "constant"),
            Map.entry("train.lrDecaySteps", "0"),
            Map.entry("train.lrFinal", "0"),
            Map.entry("d.spectralNorm", "false"),
            Map.entry("info.codes", "0"),
            Map.entry("info.weight", "1"),
            Map.entry("info.continuous", "0"),
            Map.entry("info.continuousWeight", "0.5"),
            Map.entry("d.minibatchStd", "0"),
            Map.entry("out.checkpointSeconds", "0"));
}
