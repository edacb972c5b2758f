package sparkgan.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;
import sparkgan.testing.SparkTestContext;

/** DataFrames made from MNIST's IDX files (the real set when present, else the embedded sample), in file order. */
final class MnistFrames {
    static final StructType VECTORS = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);

    private MnistFrames() {
    }

    /** The first {@code count} images as (features: Vector of 0-255 values, label: double), in {@code partitions} partitions. */
    static Dataset<Row> vectors(MnistData data, int partitions) {
        ImageBlock all = data.readBlock(0, 1, false);
        List<Row> rows = new ArrayList<>();
        int px = all.pixels();
        for (int r = 0; r < all.rows(); r++) {
            double[] v = new double[px];
            for (int i = 0; i < px; i++) {
                v[i] = Math.round(all.data()[r * px + i] * 255f);
            }
            rows.add(RowFactory.create(Vectors.dense(v), (double) all.labels()[r]));
        }
        SparkSession spark = SparkTestContext.session();
        return spark.createDataFrame(SparkTestContext.get().parallelize(rows, partitions), VECTORS);
    }
}
