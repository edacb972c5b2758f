package sparkgan.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a stored configuration means when it lacks a key, as {@link GanParams} declares it. Model
 * files, checkpoints and a run's config.properties record every key their build knew; a key added
 * later is absent from them, and the file was made by code that behaved as {@link Param#before()}
 * says, not as today's default would. So a file never changes meaning when a default changes or a
 * feature is added. Every key added after the first release declares its before-value
 * (ConfigHistoryTest checks the first release's list against this).
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
    public static Map<String, String> beforeItExisted() {
        return GanParams.all().stream().filter(p -> p.before() != null)
                .collect(Collectors.toMap(Param::name, Param::before, (a, b) -> a, LinkedHashMap::new));
    }
}
