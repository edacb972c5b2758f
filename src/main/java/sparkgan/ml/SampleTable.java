package sparkgan.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkgan.data.ImageShape;

/**
 * Generated images as a Parquet table: {@code id}, {@code label} (conditional models), and
 * {@code image}, an array&lt;float&gt; of the image's channel planes in [0,1] (the column's comment
 * gives the shape). Written by {@code generate --out FILE.parquet} through a
 * local Spark session (or spark-submit's), readable by any Parquet reader.
 */
public final class SampleTable {
    private SampleTable() {
    }

    /** {@code labels} null for an unconditional model. */
    public static void write(String uri, float[] images, int count, ImageShape shape, int[] labels, String master) {
        int px = shape.pixels();
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] image = java.util.Arrays.copyOfRange(images, i * px, (i + 1) * px);
            rows.add(labels == null ? RowFactory.create((long) i, image) : RowFactory.create((long) i, labels[i], image));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false);
        if (labels != null) {
            schema = schema.add("label", DataTypes.IntegerType, false);
        }
        schema = schema.add("image", DataTypes.createArrayType(DataTypes.FloatType, false), false,
                "channels,height,width = " + shape);
        SparkSession.Builder builder = SparkSession.builder().appName("spark-gan generate").config("spark.ui.enabled", "false");
        if (master != null) {
            builder.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(uri);
    }
}
