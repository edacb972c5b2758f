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
 * The project's own classifier for judging samples of a labelled data set (MNIST, Fashion-MNIST, a
 * user's images): an MLP pixels-512-256-classes (LeakyReLU, dropout 0.2) on pixels in [0,1],
 * trained with softmax cross-entropy on the data set's training images. Its class probabilities give
 * the score and mode coverage, its 256 penultimate activations the features of the Fréchet distance
 * and of precision and recall. The per-partition gradient lives here (no Spark); the Spark loop is
 * {@code sparkgan.spark.ClassifierTraining}.
 */
public final class ImageClassifier {
    /** MNIST's shape and classes: what a cached classifier that records neither was trained for. */
    public static final ImageShape MNIST = ImageShape.gray(28, 28);
    public static final int MNIST_CLASSES = 10;
    /** Width of the penultimate layer: the features. */
    public static final int FEATURES = 256;
    /** Stats after the gradient: loss sum, correct count, count. */
    public static final int STATS = 3;

    private final ImageShape shape;
    private final int classes;
    private final Network network;
    private final float[] params;
    /** Executor task threads are pooled: their workspaces live across steps (one network per thread at a time). */
    private static final ThreadLocal<NetworkPass[]> WORKSPACE = ThreadLocal.withInitial(() -> new NetworkPass[1]);

    public ImageClassifier(ImageShape shape, int classes, float[] params) {
        this.shape = shape;
        this.classes = classes;
        this.network = network(shape, classes);
        if (params.length != network.paramCount()) {
            throw new IllegalArgumentException("classifier has " + params.length + " parameters, expected " + network.paramCount()
                    + " for " + shape.describe() + " images of " + classes + " classes");
        }
        this.params = params;
    }

    /** The classifier's network for images of {@code shape} and {@code classes} classes. */
    public static Network network(ImageShape shape, int classes) {
        return Network.fullyConnected(new int[] {shape.pixels(), 512, FEATURES, classes}, Activation.LEAKY_RELU, Activation.LINEAR, 0.2f);
    }

    public ImageShape shape() {
        return shape;
    }

    public int classes() {
        return classes;
    }

    public float[] params() {
        return params;
    }

    private static NetworkPass workspace(Network network) {
        NetworkPass[] held = WORKSPACE.get();
        if (held[0] == null || !held[0].network().equals(network)) {
            held[0] = new NetworkPass(network);
        }
        return held[0];
    }

    /** One partition's gradient sum over its slice of minibatch {@code step} (rows drawn with replacement). */
    public static PartialSum partitionGradient(Network network, ImageBlock block, float[] params, long seed, long step, int slice) {
        long t0 = System.nanoTime();
        int pixels = network.inputWidth();
        int classes = network.outputWidth();
        float[] grad = new float[network.paramCount()];
        double[] stats = new double[STATS];
        if (slice == 0) {
            return new PartialSum(grad, stats, 0);
        }
        NetworkPass mlp = workspace(network);
        mlp.ensureRows(slice);
        SplittableRandom rows = RandomStreams.stream(seed, step, 7, block.partition(), RandomStreams.Purpose.SHUFFLE);
        int[] labels = new int[slice];
        for (int i = 0; i < slice; i++) {
            int row = rows.nextInt(block.rows());
            System.arraycopy(block.data(), row * pixels, mlp.input(), i * pixels, pixels);
            labels[i] = block.labels()[row] & 0xff;
        }
        mlp.forward(params, slice, RandomStreams.stream(seed, step, 7, block.partition(), RandomStreams.Purpose.DROPOUT));
        float[] probs = new float[slice * classes];
        for (int i = 0; i < slice; i++) {
            stats[0] += Softmax.crossEntropy(mlp.output(), i, classes, labels[i], probs, mlp.outputGrad());
            stats[1] += argmax(probs, i, classes) == labels[i] ? 1 : 0;
        }
        stats[2] = slice;
        mlp.backward(params, grad, 0, false);
        return new PartialSum(grad, stats, System.nanoTime() - t0);
    }

    /** Class probabilities [n x classes] and features [n x 256] of images [n x pixels] in [0,1]. */
    public Outputs outputs(float[] images, int n) {
        NetworkPass mlp = new NetworkPass(network);
        int pixels = shape.pixels();
        double[] probabilities = new double[n * classes];
        float[] features = new float[n * FEATURES];
        int[] predicted = new int[n];
        int chunk = 500;
        float[] probs = new float[chunk * classes];
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            mlp.ensureRows(m);
            System.arraycopy(images, start * pixels, mlp.input(), 0, m * pixels);
            mlp.forward(params, m, null);
            System.arraycopy(mlp.features(), 0, features, start * FEATURES, m * FEATURES);
            for (int i = 0; i < m; i++) {
                Softmax.crossEntropy(mlp.output(), i, classes, -1, probs, null);
                for (int k = 0; k < classes; k++) {
                    probabilities[(start + i) * classes + k] = probs[i * classes + k];
                }
                predicted[start + i] = argmax(probs, i, classes);
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
            right += predicted[i] == (labels[i] & 0xff) ? 1 : 0;
        }
        return (double) right / n;
    }

    static int argmax(float[] probs, int row, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (probs[row * classes + k] > probs[row * classes + best]) {
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
    public static double[] meanStats(Network network, FixedPointSum sum) {
        int p = network.paramCount();
        double n = sum.get(p + 2);
        return new double[] {sum.get(p) / n, sum.get(p + 1) / n};
    }
}
