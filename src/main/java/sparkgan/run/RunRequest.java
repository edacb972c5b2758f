package sparkgan.run;

import java.util.Map;

/**
 * What {@code train} was asked to do, its arguments parsed: a new run with its configuration in a new
 * directory, or a resume of a run directory with a few overrides.
 *
 * @param config the new run's configuration; null for a resume (the run's own is used)
 * @param runDir the output directory (new) or the run to continue (resume)
 * @param resumeOverrides config keys a resume may change (train.steps, data.uri)
 * @param engine "spark" or "local" (in-process)
 * @param master the Spark master when not under spark-submit, or null
 * @param allowDataChange a resume may continue on data other than the run's (recorded in its lineage)
 */
public record RunRequest(sparkgan.config.GanConfig config, String runDir, boolean resume, Map<String, String> resumeOverrides,
                  String engine, String master, boolean allowDataChange) {
}
