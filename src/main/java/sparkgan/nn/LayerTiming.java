package sparkgan.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How fast one layer runs on this thread: forward plus backward (the parameters' and the input's
 * gradients) over a batch of random rows, best of 30 passes after 10 warm-up passes. {@code bench
 * --kernels} reports it per layer against the sgemm rate; it is a measurement, never a test.
 */
public final class LayerTiming {
    private static final int WARMUP = 10;
    private static final int PASSES = 30;

    private LayerTiming() {
    }

    /** Milliseconds of one forward and backward pass of {@code layer} over {@code batch} rows. */
    public static double millis(Layer layer, int batch) {
        Network net = new Network(List.of(layer));
        NetworkPass pass = new NetworkPass(net);
        pass.ensureRows(batch);
        SplittableRandom rng = new SplittableRandom(1);
        float[] params = net.initialParams(rng);
        for (int i = 0; i < batch * layer.inputWidth(); i++) {
            pass.input()[i] = (float) rng.nextGaussian();
        }
        float[] grad = new float[net.paramCount()];
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < WARMUP + PASSES; rep++) {
            long t0 = System.nanoTime();
            pass.forward(params, batch, rng);
            Arrays.fill(pass.outputGrad(), 0, batch * layer.outputWidth(), 0.01f);
            pass.backward(params, grad, 0, true);
            if (rep >= WARMUP) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
        }
        return best;
    }

    /** Floating-point operations of that pass: three products of the layer's size (forward, the weights' and the input's gradient). */
    public static double flops(Layer layer, int batch) {
        return 3.0 * 2.0 * layer.macsPerRow() * batch;
    }
}
