package sparkgan.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import sparkgan.data.ImageBlock;
import sparkgan.data.ImageShape;
import sparkgan.io.ModelFile;
import sparkgan.math.Activation;
import sparkgan.math.FixedPointSum;
import sparkgan.math.PartialSum;
import sparkgan.math.RandomStreams;
import sparkgan.math.Softmax;
import sparkgan.nn.Network;
import sparkgan.nn.NetworkPass;

/**
 * The project's own MNIST classifier, used to judge samples: an MLP 784-512-256-10 (LeakyReLU,
 * dropout 0.2) on pixels in [0,1], trained with softmax cross-entropy. Its class probabilities give
 * the MNIST score and mode coverage, its 256 penultimate activations the features of the Fréchet
 * distance. The per-partition gradient lives here (no Spark); the Spark loop is
 * {@code sparkgan.spark.ClassifierTraining}.
 */
public final class MnistClassifier {
    public static final int CLASSES = 10;
    /** The images it judges: MNIST's. */
    public static final ImageShape SHAPE = ImageShape.gray(28, 28);
    private static final int PIXELS = SHAPE.pixels();
    public static final Network SPEC = Network.fullyConnected(new int[] {PIXELS, 512, 256, CLASSES}, Activation.LEAKY_RELU, Activation.LINEAR, 0.2f);
    /** Stats after the gradient: loss sum, correct count, count. */
    public static final int STATS = 3;

    private final float[] params;
    /** Executor task threads are pooled: their workspaces live across steps. */
    private static final ThreadLocal<NetworkPass> WORKSPACE = ThreadLocal.withInitial(() -> new NetworkPass(SPEC));

    public MnistClassifier(float[] params) {
        if (params.length != SPEC.paramCount()) {
            throw new IllegalArgumentException("classifier has " + params.length + " parameters, expected " + SPEC.paramCount());
        }
        this.params = params;
    }

    public float[] params() {
        return params;
    }

    /** One partition's gradient sum over its slice of minibatch {@code step} (rows drawn with replacement). */
    public static PartialSum partitionGradient(ImageBlock block, float[] params, long seed, long step, int slice) {
        long t0 = System.nanoTime();
        float[] grad = new float[SPEC.paramCount()];
        double[] stats = new double[STATS];
        if (slice == 0) {
            return new PartialSum(grad, stats, 0);
        }
        NetworkPass mlp = WORKSPACE.get();
        mlp.ensureRows(slice);
        SplittableRandom rows = RandomStreams.stream(seed, step, 7, block.partition(), RandomStreams.Purpose.SHUFFLE);
        int[] labels = new int[slice];
        for (int i = 0; i < slice; i++) {
            int row = rows.nextInt(block.rows());
            System.arraycopy(block.data(), row * PIXELS, mlp.input(), i * PIXELS, PIXELS);
            labels[i] = block.labels()[row];
        }
        mlp.forward(params, slice, RandomStreams.stream(seed, step, 7, block.partition(), RandomStreams.Purpose.DROPOUT));
        float[] probs = new float[slice * CLASSES];
        for (int i = 0; i < slice; i++) {
            stats[0] += Softmax.crossEntropy(mlp.output(), i, CLASSES, labels[i], probs, mlp.outputGrad());
            stats[1] += argmax(probs, i) == labels[i] ? 1 : 0;
        }
        stats[2] = slice;
        mlp.backward(params, grad, 0, false);
        return new PartialSum(grad, stats, System.nanoTime() - t0);
    }

    /** Class probabilities [n x 10] and features [n x 256] of images [n x 784] in [0,1]. */
    public Outputs outputs(float[] images, int n) {
        NetworkPass mlp = new NetworkPass(SPEC);
        double[] probabilities = new double[n * CLASSES];
        float[] features = new float[n * 256];
        int[] predicted = new int[n];
        int chunk = 500;
        float[] probs = new float[chunk * CLASSES];
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            mlp.ensureRows(m);
            System.arraycopy(images, start * PIXELS, mlp.input(), 0, m * PIXELS);
            mlp.forward(params, m, null);
            System.arraycopy(mlp.features(), 0, features, start * 256, m * 256);
            for (int i = 0; i < m; i++) {
                Softmax.crossEntropy(mlp.output(), i, CLASSES, -1, probs, null);
                for (int k = 0; k < CLASSES; k++) {
                    probabilities[(start + i) * CLASSES + k] = probs[i * CLASSES + k];
                }
                predicted[start + i] = argmax(probs, i);
            }
        }
        return new Outputs(probabilities, features, predicted);
    }

    /** What the classifier says about a set of images. */
    public record Outputs(double[] probabilities, float[] features, int[] predicted) {
    }

    public double accuracy(float[] images, byte[] labels, int n) {
        int[] predicted = outputs(images, n).predicted();
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / n;
    }

    static int argmax(float[] probs, int row) {
        int best = 0;
        for (int k = 1; k < CLASSES; k++) {
            if (probs[row * CLASSES + k] > probs[row * CLASSES + best]) {
                best = k;
            }
        }
        return best;
    }

    public ModelFile toModelFile(Map<String, String> facts) {
        LinkedHashMap<String, float[]> t = new LinkedHashMap<>();
        t.put("classifier", params);
        return new ModelFile("classifier", 0, facts, t);
    }

    /** Sum of the partials' stats as [mean loss, accuracy]. */
    public static double[] meanStats(FixedPointSum sum) {
        int p = SPEC.paramCount();
        double n = sum.get(p + 2);
        return new double[] {sum.get(p) / n, sum.get(p + 1) / n};
    }
}
