package sparkgan.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;
import sparkgan.BadInputException;
import sparkgan.gan.GanKernel;
import sparkgan.gan.GanSpec;
import sparkgan.math.RandomStreams;

/**
 * Generates one image per row on the executor that holds the rows, in chunks through G in inference
 * mode. Row i's noise comes from the stream keyed by (seed, i), so a row's image does not depend on
 * the partitioning or on the other rows; a conditional model takes the row's label, an InfoGAN model
 * the code i mod codes (uniform over the codes, as sample grids draw them).
 */
final class RowGenerator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 256;

    private final GanSpec spec;
    private final long seed;
    private final PixelScale scale;
    private final int labelIndex;
    private final String labelCol;

    /** {@code labelIndex}: the label column's position in the rows, or -1 for an unconditional model. */
    RowGenerator(GanSpec spec, long seed, PixelScale scale, int labelIndex, String labelCol) {
        this.spec = spec;
        this.seed = seed;
        this.scale = scale;
        this.labelIndex = labelIndex;
        this.labelCol = labelCol;
    }

    Iterator<Row> rows(Iterator<Tuple2<Row, Long>> in, float[] weights) {
        List<Row> out = new ArrayList<>();
        List<Tuple2<Row, Long>> chunk = new ArrayList<>(CHUNK);
        while (in.hasNext()) {
            chunk.add(in.next());
            if (chunk.size() == CHUNK || !in.hasNext()) {
                generate(chunk, weights, out);
                chunk.clear();
            }
        }
        return out.iterator();
    }

    private void generate(List<Tuple2<Row, Long>> chunk, float[] weights, List<Row> out) {
        int n = chunk.size();
        int nz = spec.noiseDim();
        int px = spec.imagePixels();
        float[] noise = new float[n * nz];
        int[] oneHot = spec.generatorOneHot() > 0 ? new int[n] : null;
        for (int r = 0; r < n; r++) {
            long index = chunk.get(r)._2();
            SplittableRandom rng = RandomStreams.stream(seed, index, 0, 0, RandomStreams.Purpose.GENERATE);
            spec.noise().fill(rng, noise, r * nz, 1, nz);
            if (oneHot != null) {
                oneHot[r] = labelIndex >= 0 ? label(chunk.get(r)._1(), index) : (int) (index % spec.generatorOneHot());
            }
        }
        float[] images = new float[n * px];
        GanKernel.forThread(spec).generate(weights, noise, oneHot, n, images);
        for (int r = 0; r < n; r++) {
            double[] pixels = new double[px];
            for (int i = 0; i < px; i++) {
                float x = images[r * px + i];
                float unit = Math.max(0f, Math.min(1f, spec.signedPixels() ? (x + 1f) * 0.5f : x));
                pixels[i] = unit * scale.max();
            }
            Row row = chunk.get(r)._1();
            Object[] values = new Object[row.length() + 1];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            values[row.length()] = Vectors.dense(pixels);
            out.add(RowFactory.create(values));
        }
    }

    private int label(Row row, long index) {
        Object value = row.get(labelIndex);
        double x = value instanceof Number number ? number.doubleValue() : Double.NaN;
        if (value == null || x != Math.rint(x) || x < 0 || x >= spec.classes()) {
            throw new BadInputException("column '" + labelCol + "', row " + index + ": " + value
                    + "; expected a class label from 0 to " + (spec.classes() - 1));
        }
        return (int) x;
    }
}
