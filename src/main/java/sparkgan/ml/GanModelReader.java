package sparkgan.ml;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import sparkgan.BadInputException;
import sparkgan.io.HadoopFiles;
import sparkgan.io.ModelFile;

/** Loads what {@link GanModelWriter} saved: Spark's metadata, then the weights file, checked (SHA-256) as every model file is. */
final class GanModelReader extends MLReader<GanModel> {
    @Override
    public GanModel load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), GanModel.class.getName());
        ModelFile file = ModelFile.read(HadoopFiles.child(path, GanModel.WEIGHTS));
        if (!"model".equals(file.kind())) {
            throw new BadInputException(HadoopFiles.child(path, GanModel.WEIGHTS) + ": a " + file.kind() + " file; expected a model");
        }
        GanModel model = new GanModel(metadata.uid(), file);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
    }
}
