package sparkgan.nn;

import java.util.SplittableRandom;
import sparkgan.math.Blas;
import sparkgan.math.RandomStreams;

/**
 * Spectral normalisation of a network's weight matrices, dense and convolutional (Miyato et al. 2018;
 * a convolution's kernel taken as a matrix of its output channels' rows): the network is run with
 * W / sigma(W) for every layer, sigma the largest singular value, estimated by one step of power
 * iteration per update from vectors kept between updates. It bounds how sharply D can change its
 * output, so its gradients to G stay informative.
 *
 * <p>It works on the flat parameters alone, so the driver applies it: it hands the workers the
 * normalised weights and maps their gradient back to the raw ones (the workers' kernel never knows).
 * Parameters past the networks' (a projection embedding) and biases are copied unchanged.
 *
 * <p>With u, v the singular vector estimates and sigma = u'Wv (u and v held constant, as in the
 * paper's implementation), the gradient with respect to W of a loss L(W/sigma) is
 * (G - <G, W/sigma> u v') / sigma, where G is the gradient with respect to the normalised matrix.
 * Matrices are stored [in x out] row-major; u has the layer's output size, v its input size.
 */
public final class SpectralNorm {
    /** Where layer l's matrix and vectors live: W at w ([in x out]), u at uOff, v at vOff. */
    private record Matrix(int in, int out, int w, int uOff, int vOff) {
    }

    private final Matrix[] layers;
    /** Per layer: u (out) then v (in), one flat array so it checkpoints as one tensor. */
    private final float[] vectors;
    private final double[] sigmas;
    /** v'W of the layer at hand (a workspace as wide as the widest layer). */
    private final float[] vw;

    /** Normalises every dense and convolutional layer's matrix of the network. */
    public SpectralNorm(Network network) {
        java.util.List<Matrix> dense = new java.util.ArrayList<>();
        int total = 0;
        int widest = 0;
        for (int i = 0; i < network.layers().size(); i++) {
            int in;
            int out;
            if (network.layer(i) instanceof Dense layer) {
                in = layer.inputWidth();
                out = layer.outputWidth();
            } else if (network.layer(i) instanceof ConvolutionLayer conv) {
                // The kernel as a matrix (Miyato et al. normalise it so): its rows as stored, one per row.
                in = conv.matrixRows();
                out = conv.patch();
            } else {
                continue;
            }
            dense.add(new Matrix(in, out, network.offset(i), total, total + out));
            total += out + in;
            widest = Math.max(widest, out);
        }
        this.layers = dense.toArray(new Matrix[0]);
        this.vectors = new float[total];
        this.sigmas = new double[layers.length];
        this.vw = new float[widest];
    }

    /** Starts every u at a random unit vector (v is computed from u by the first power iteration). */
    public void initialise(SplittableRandom rng) {
        for (Matrix L : layers) {
            RandomStreams.gaussian(rng, vectors, L.uOff, L.out);
            toUnitLength(vectors, L.uOff, L.out);
        }
    }

    /** The u and v vectors of every layer (live), for checkpoints. */
    public float[] vectors() {
        return vectors;
    }

    /**
     * One power-iteration step per layer on the raw weights, v = W u / |W u| then u = W'v / |W'v|,
     * and sigma = u'Wv with the new vectors.
     */
    public void powerIteration(float[] raw) {
        for (int l = 0; l < layers.length; l++) {
            Matrix L = layers[l];
            // Stored [in x out], so "W u" here is the product with the output-side vector.
            Blas.gemm(false, false, L.in, 1, L.out, 1f, raw, L.w, vectors, L.uOff, 0f, vectors, L.vOff);
            toUnitLength(vectors, L.vOff, L.in);
            Blas.gemm(false, false, 1, L.out, L.in, 1f, vectors, L.vOff, raw, L.w, 0f, vw, 0);
            System.arraycopy(vw, 0, vectors, L.uOff, L.out);
            toUnitLength(vectors, L.uOff, L.out);
            sigmas[l] = sigmaFromVw(L);
        }
    }

    /**
     * sigma = u'Wv from the current vectors without moving them (after restoring them from a
     * checkpoint): the same arithmetic as at the end of {@link #powerIteration}, so the same bits.
     */
    public void measure(float[] raw) {
        for (int l = 0; l < layers.length; l++) {
            Matrix L = layers[l];
            Blas.gemm(false, false, 1, L.out, L.in, 1f, vectors, L.vOff, raw, L.w, 0f, vw, 0);
            sigmas[l] = sigmaFromVw(L);
        }
    }

    private double sigmaFromVw(Matrix L) {
        double sigma = 0;
        for (int o = 0; o < L.out; o++) {
            sigma += (double) vw[o] * vectors[L.uOff + o];
        }
        // A zero (or degenerate) matrix has nothing to normalise; keep it as it is.
        return sigma > 1e-12 ? sigma : 1.0;
    }

    /**
     * Writes the normalised parameters into {@code normalised} (same length as {@code raw}): each
     * weight matrix divided by the sigma of the last {@link #powerIteration} or {@link #measure},
     * everything else copied.
     */
    public void normalise(float[] raw, float[] normalised) {
        System.arraycopy(raw, 0, normalised, 0, raw.length);
        for (int l = 0; l < layers.length; l++) {
            Matrix L = layers[l];
            float inv = (float) (1.0 / sigmas[l]);
            for (int k = L.w; k < L.w + L.in * L.out; k++) {
                normalised[k] = raw[k] * inv;
            }
        }
    }

    /** The sigma of layer {@code l} used by the last {@link #normalise}. */
    public double sigma(int l) {
        return sigmas[l];
    }

    /**
     * Turns {@code grad}, the gradient with respect to the normalised parameters {@code normalised}
     * (as last produced by {@link #normalise}), into the gradient with respect to the raw ones, in place.
     */
    public void backward(float[] normalised, float[] grad) {
        for (int l = 0; l < layers.length; l++) {
            Matrix L = layers[l];
            double dot = 0;
            for (int i = 0; i < L.in; i++) {
                // Rows summed in float (vectorisable), accumulated in double.
                float row = 0f;
                for (int k = L.w + i * L.out, e = k + L.out; k < e; k++) {
                    row += grad[k] * normalised[k];
                }
                dot += row;
            }
            // grad = (grad - dot * v u') / sigma: a rank-one update, then a scale.
            Blas.gemm(false, false, L.in, L.out, 1, (float) -dot, vectors, L.vOff, vectors, L.uOff, 1f, grad, L.w);
            float inv = (float) (1.0 / sigmas[l]);
            for (int k = L.w; k < L.w + L.in * L.out; k++) {
                grad[k] *= inv;
            }
        }
    }

    private static void toUnitLength(float[] x, int off, int len) {
        double s = 0;
        for (int i = off; i < off + len; i++) {
            s += (double) x[i] * x[i];
        }
        double n = Math.sqrt(s);
        if (n < 1e-30) {
            return;
        }
        for (int i = off; i < off + len; i++) {
            x[i] = (float) (x[i] / n);
        }
    }
}
