package sparkgan.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import sparkgan.cli.BenchCommand;
import sparkgan.math.Blas;
import sparkgan.nn.Conv2d;
import sparkgan.nn.ConvTranspose2d;
import sparkgan.nn.Layer;
import sparkgan.nn.Network;
import sparkgan.nn.NetworkPass;

/**
 * The convolution modules' speed on one thread at the DCGAN shapes for 28x28 images (D: conv 64 and
 * conv 128, stride 2; G: transposed conv 128 -> 64 -> 1, stride 2), forward plus backward (the
 * parameters' and the input's gradients), against the sgemm rate measured in the same run. Not a
 * test; run as docs/BENCHMARKS.md says. Usage: {@code ConvolutionBench [BATCH]} (default 64).
 */
public final class ConvolutionBench {
    private ConvolutionBench() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        double sgemm = BenchCommand.sgemmGflops();
        System.out.printf(Locale.ROOT, "# BLAS %s, sgemm %.1f GFLOP/s (1 thread), batch %d%n%n", Blas.implementation(), sgemm, batch);
        System.out.println("| layer | ms forward + backward | GFLOP/s | % of sgemm |");
        System.out.println("|---|---|---|---|");
        for (Layer layer : List.of(new Conv2d(1, 28, 28, 64, 4, 2, 1), new Conv2d(64, 14, 14, 128, 4, 2, 1),
                new ConvTranspose2d(128, 7, 7, 64, 4, 2, 1), new ConvTranspose2d(64, 14, 14, 1, 4, 2, 1))) {
            double ms = time(layer, batch);
            // Three products of the layer's size per row: forward, the weights' gradient, the input's gradient.
            double gflops = 3.0 * 2.0 * layer.macsPerRow() * batch / (ms / 1000) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.0f%% |%n", layer, ms, gflops, 100 * gflops / sgemm);
        }
    }

    /** Best of 30 passes after 10 warm-up passes, in milliseconds. */
    private static double time(Layer layer, int batch) {
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
        for (int rep = 0; rep < 40; rep++) {
            long t0 = System.nanoTime();
            pass.forward(params, batch, null);
            java.util.Arrays.fill(pass.outputGrad(), 0, batch * layer.outputWidth(), 0.01f);
            pass.backward(params, grad, 0, true);
            if (rep >= 10) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
        }
        return best;
    }
}
