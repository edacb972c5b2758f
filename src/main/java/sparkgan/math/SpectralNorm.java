package sparkgan.math;

import java.util.SplittableRandom;

/**
 * Spectral normalisation of an MLP's weight matrices (Miyato et al. 2018): the network is run with
 * W / sigma(W) for every layer, sigma the largest singular value, estimated by one step of power
 * iteration per update from vectors kept between updates. It bounds how sharply D can change its
 * output, so its gradients to G stay informative.
 *
 * <p>It works on the flat parameters alone, so the driver applies it: it hands the workers the
 * normalised weights and maps their gradient back to the raw ones (the workers' kernel never knows).
 * Parameters past the MLP's (a projection embedding) and biases are copied unchanged.
 *
 * <p>With u, v the singular vector estimates and sigma = u'Wv (u and v held constant, as in the
 * paper's implementation), the gradient with respect to W of a loss L(W/sigma) is
 * (G - <G, W/sigma> u v') / sigma, where G is the gradient with respect to the normalised matrix.
 * Matrices are stored [in x out] row-major; u has the layer's output size, v its input size.
 */
public final class SpectralNorm {
    private final MlpSpec spec;
    /** Per layer: u (out) then v (in), one flat array so it checkpoints as one tensor. */
    private final float[] vectors;
    private final int[] vectorOffsets;
    private final double[] sigmas;

    public SpectralNorm(MlpSpec spec) {
        this.spec = spec;
        this.vectorOffsets = new int[spec.layers()];
        int total = 0;
        for (int l = 0; l < spec.layers(); l++) {
            vectorOffsets[l] = total;
            total += spec.size(l + 1) + spec.size(l);
        }
        this.vectors = new float[total];
        this.sigmas = new double[spec.layers()];
    }

    /** Starts every u at a random unit vector (v is computed from u by the first power iteration). */
    public void initialise(SplittableRandom rng) {
        for (int l = 0; l < spec.layers(); l++) {
            int out = spec.size(l + 1);
            int uOff = vectorOffsets[l];
            RandomStreams.gaussian(rng, vectors, uOff, out);
            toUnitLength(vectors, uOff, out);
        }
    }

    /** The u and v vectors of every layer (live), for checkpoints. */
    public float[] vectors() {
        return vectors;
    }

    /** One power-iteration step per layer on the raw weights: v = W u / |W u|, then u = W'v / |W'v|. */
    public void powerIteration(float[] raw) {
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            int w = spec.weightOffset(l);
            int uOff = vectorOffsets[l];
            int vOff = uOff + out;
            // Stored [in x out], so "W u" here is the product with the output-side vector.
            Blas.gemm(false, false, in, 1, out, 1f, raw, w, vectors, uOff, 0f, vectors, vOff);
            toUnitLength(vectors, vOff, in);
            Blas.gemm(false, false, 1, out, in, 1f, vectors, vOff, raw, w, 0f, vectors, uOff);
            toUnitLength(vectors, uOff, out);
        }
    }

    /**
     * Writes the normalised parameters into {@code normalised} (same length as {@code raw}): each
     * weight matrix divided by sigma = u'Wv from the current vectors, everything else copied.
     */
    public void normalise(float[] raw, float[] normalised) {
        System.arraycopy(raw, 0, normalised, 0, raw.length);
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            int w = spec.weightOffset(l);
            int uOff = vectorOffsets[l];
            int vOff = uOff + out;
            float[] vw = new float[out];
            Blas.gemm(false, false, 1, out, in, 1f, vectors, vOff, raw, w, 0f, vw, 0);
            double sigma = 0;
            for (int o = 0; o < out; o++) {
                sigma += (double) vw[o] * vectors[uOff + o];
            }
            if (!(sigma > 1e-12)) {
                // A zero (or degenerate) matrix has nothing to normalise; keep it as it is.
                sigma = 1.0;
            }
            sigmas[l] = sigma;
            float inv = (float) (1.0 / sigma);
            for (int k = w; k < w + in * out; k++) {
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
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            int w = spec.weightOffset(l);
            int uOff = vectorOffsets[l];
            int vOff = uOff + out;
            double dot = 0;
            for (int i = 0; i < in; i++) {
                // Rows summed in float (vectorisable), accumulated in double.
                float row = 0f;
                for (int k = w + i * out, e = k + out; k < e; k++) {
                    row += grad[k] * normalised[k];
                }
                dot += row;
            }
            // grad = (grad - dot * v u') / sigma: a rank-one update, then a scale.
            Blas.gemm(false, false, in, out, 1, (float) -dot, vectors, vOff, vectors, uOff, 1f, grad, w);
            float inv = (float) (1.0 / sigmas[l]);
            for (int k = w; k < w + in * out; k++) {
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
