package sparkgan.ml;

import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import sparkgan.BadInputException;

/**
 * The kinds of image column a DataFrame may hand the estimator, told apart by the column's type, and
 * the label column's check. Every refusal names the column and what was expected.
 */
enum FeatureColumn {
    /** org.apache.spark.ml.linalg.Vector, dense or sparse. */
    VECTOR,
    /** array&lt;float&gt;. */
    FLOAT_ARRAY,
    /** array&lt;double&gt;. */
    DOUBLE_ARRAY,
    /** The struct of Spark's image data source: height, width, nChannels, data (BGR bytes, row by row). */
    IMAGE;

    private static final String[] IMAGE_FIELDS = {"height", "width", "nChannels", "data"};

    static FeatureColumn of(StructType schema, String column) {
        DataType type = typeOf(schema, column, "featuresCol");
        if (type.equals(SQLDataTypes.VectorType())) {
            return VECTOR;
        }
        if (type instanceof ArrayType array && array.elementType().equals(DataTypes.FloatType)) {
            return FLOAT_ARRAY;
        }
        if (type instanceof ArrayType array && array.elementType().equals(DataTypes.DoubleType)) {
            return DOUBLE_ARRAY;
        }
        if (type instanceof StructType struct && Arrays.asList(struct.fieldNames()).containsAll(Arrays.asList(IMAGE_FIELDS))) {
            for (String field : new String[] {"height", "width", "nChannels"}) {
                if (!struct.apply(field).dataType().equals(DataTypes.IntegerType)) {
                    throw new BadInputException("column '" + column + "' (featuresCol): field " + field + " is "
                            + struct.apply(field).dataType().simpleString() + "; expected int, as the image data source writes it");
                }
            }
            if (!struct.apply("data").dataType().equals(DataTypes.BinaryType)) {
                throw new BadInputException("column '" + column + "' (featuresCol): field data is "
                        + struct.apply("data").dataType().simpleString() + "; expected binary, as the image data source writes it");
            }
            return IMAGE;
        }
        throw new BadInputException("column '" + column + "' (featuresCol) is " + type.simpleString()
                + "; expected a Vector, array<float>, array<double> or the image struct of the image data source");
    }

    /** The label column must exist and hold numbers (integers 0..K-1, checked row by row when read). */
    static void checkLabel(StructType schema, String column) {
        DataType type = typeOf(schema, column, "labelCol");
        if (!(type instanceof NumericType)) {
            throw new BadInputException("column '" + column + "' (labelCol) is " + type.simpleString()
                    + "; expected integer class labels 0..K-1 of a numeric type");
        }
    }

    private static DataType typeOf(StructType schema, String column, String param) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new BadInputException("column '" + column + "' (" + param + ") is not in the DataFrame; its columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        return schema.apply(column).dataType();
    }
}
