package sparkgan.ml;

import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import sparkgan.io.HadoopFiles;

/**
 * Saves a {@link GanModel} as Spark ML saves its own models: {@code metadata/} (class, Spark version,
 * uid, every Param as JSON) written by Spark, and the weights as {@value GanModel#WEIGHTS}, written
 * atomically through the Hadoop FileSystem of the path (a crash leaves no half-written model file).
 */
final class GanModelWriter extends MLWriter {
    private final GanModel model;

    GanModelWriter(GanModel model) {
        this.model = model;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sparkSession());
        model.modelFile().write(HadoopFiles.child(path, GanModel.WEIGHTS));
    }
}
