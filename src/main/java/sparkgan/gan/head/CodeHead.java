package sparkgan.gan.head;

import java.util.Arrays;
import sparkgan.math.Blas;
import sparkgan.math.Softmax;
import sparkgan.nn.ParamSlice;

/**
 * InfoGAN's code head Q (Chen et al. 2016) on D's features h: outputs h W_Q + b_Q for the fakes, W_Q
 * [width x outputs] row-major, then b_Q. The first {@code codes} outputs are logits whose softmax
 * should recover the fake's categorical code (cross-entropy, weighted by {@code codeWeight}); the
 * other {@code continuous} outputs predict the fake's first noise values, its continuous codes (half
 * the squared error, a Gaussian of unit variance, weighted by {@code continuousWeight}). Q adds
 * nothing to the logit; D (with Q) and G both minimise its loss.
 */
public record CodeHead(int codes, int continuous, int width, float codeWeight, float continuousWeight) implements Head {
    public int outputs() {
        return codes + continuous;
    }

    @Override
    public int paramCount() {
        return (width + 1) * outputs();
    }

    /** W_Q takes weight decay, b_Q does not. */
    @Override
    public void markDecayed(boolean[] decayed, int offset) {
        Arrays.fill(decayed, offset, offset + width * outputs(), true);
    }

    @Override
    public String toString() {
        return "code head Q (" + codes + " codes" + (continuous > 0 ? " + " + continuous + " continuous" : "") + ")";
    }

    @Override
    public Pass newPass() {
        return new CodePass();
    }

    /** Keeps Q's outputs (then their gradients) and the softmax of the code logits. */
    private final class CodePass implements Pass {
        private float[] out = new float[0];
        private float[] probs = new float[0];

        /** Q's outputs for the fakes: H[n x width] W_Q + b_Q, one product instead of n * outputs dot products. */
        @Override
        public void forward(ParamSlice params, DiscriminatorRows rows, float[] logits) {
            FakeCodes fakes = rows.fakes();
            int n = fakes.count();
            int k = outputs();
            if (out.length < n * k) {
                out = new float[n * k];
                probs = new float[n * codes];
            }
            int bias = params.offset() + width * k;
            for (int i = 0; i < n; i++) {
                System.arraycopy(params.array(), bias, out, i * k, k);
            }
            Blas.gemm(false, false, n, k, width, 1f, rows.features(), fakes.firstRow() * width, params.array(), params.offset(),
                    1f, out, 0);
        }

        @Override
        public void backward(ParamSlice params, DiscriminatorRows rows, float[] logitGrad, ParamSlice gradient,
                             float[] featureGrad) {
            FakeCodes fakes = rows.fakes();
            int n = fakes.count();
            int k = outputs();
            outputGradients(fakes);
            if (gradient != null) {
                Blas.gemm(true, false, width, k, n, 1f, rows.features(), fakes.firstRow() * width, out, 0, 1f,
                        gradient.array(), gradient.offset());
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < k; c++) {
                        gradient.add(width * k + c, out[i * k + c]);
                    }
                }
            }
            Blas.gemm(false, true, n, width, k, 1f, out, 0, params.array(), params.offset(), 1f, featureGrad, fakes.firstRow() * width);
        }

        /** dLoss/dQ's outputs, in place: softmax - one-hot for the logits, prediction - value for the rest. */
        private void outputGradients(FakeCodes fakes) {
            int k = outputs();
            float weight = fakes.rowsPerFake() * codeWeight;
            float contWeight = fakes.rowsPerFake() * continuousWeight;
            int nz = fakes.noiseDim();
            for (int i = 0; i < fakes.count(); i++) {
                int row = i * k;
                System.arraycopy(out, row, probs, i * codes, codes);
                Softmax.crossEntropy(probs, i, codes, fakes.codes()[i], probs, probs);
                System.arraycopy(probs, i * codes, out, row, codes);
                for (int c = 0; c < codes; c++) {
                    out[row + c] *= weight;
                }
                for (int c = codes; c < k; c++) {
                    out[row + c] = contWeight * (out[row + c] - fakes.noise()[i * nz + c - codes]);
                }
            }
        }
    }
}
