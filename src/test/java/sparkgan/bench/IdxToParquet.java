package sparkgan.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkgan.data.DataLocator;
import sparkgan.data.ImageBlock;
import sparkgan.data.MnistData;

/**
 * Writes an IDX training set (MNIST, Fashion-MNIST) as a Parquet table of {@code pixels}
 * (array&lt;float&gt;, 0-255) and {@code label} (int), in file order, for the DataFrame runs of
 * docs/RESULTS.md. Usage: {@code IdxToParquet IDX_DIR OUT.parquet [FILES]} (default 4 part files).
 */
public final class IdxToParquet {
    private IdxToParquet() {
    }

    public static void main(String[] args) {
        MnistData data = DataLocator.fromUri(new java.io.File(args[0]).getAbsoluteFile().toURI().toString(), 0);
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        ImageBlock all = data.readBlock(0, 1, false);
        int px = all.pixels();
        List<Row> rows = new ArrayList<>(all.rows());
        for (int r = 0; r < all.rows(); r++) {
            float[] pixels = new float[px];
            for (int i = 0; i < px; i++) {
                pixels[i] = Math.round(all.data()[r * px + i] * 255f);
            }
            rows.add(RowFactory.create(pixels, all.labels()[r] & 0xff));
        }
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.IntegerType);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("idx to parquet")
                .config("spark.ui.enabled", "false").getOrCreate();
        // parallelize slices the list in order: part file k holds the k-th contiguous range of images.
        org.apache.spark.api.java.JavaSparkContext sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.createDataFrame(sc.parallelize(rows, files), schema).write().parquet(args[1]);
        spark.stop();
        System.out.println("wrote " + rows.size() + " images of " + data.shape().describe() + " to " + args[1]);
    }
}
