package sparkgan.gan.head;

import sparkgan.nn.ParamSlice;

/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN): D's rows form groups of {@code group}
 * consecutive rows within a segment (real and fake never share a group; a segment's last group may be
 * smaller). For each group, s is the mean over the features of their standard deviation within the
 * group, sqrt(variance + 1e-8); each row's logit gains w_s * s, w_s one learned parameter. A G that
 * makes the same image for different noise shows a small s, which D can hold against it.
 */
public record MinibatchStddevHead(int group, int width) implements Head {
    public MinibatchStddevHead {
        if (group < 2) {
            throw new IllegalArgumentException("a minibatch standard deviation needs groups of at least 2 rows, not " + group);
        }
    }

    @Override
    public int paramCount() {
        return 1;
    }

    @Override
    public String toString() {
        return "minibatch stddev (groups of " + group + ")";
    }

    @Override
    public Pass newPass() {
        return new StddevPass();
    }

    /** Keeps each group's feature means and deviations and its s, stored at the group's first row. */
    private final class StddevPass implements Pass {
        private float[] groupMean = new float[0];
        private float[] groupSigma = new float[0];
        private float[] groupStddev = new float[0];

        @Override
        public void forward(ParamSlice params, DiscriminatorRows rows, float[] logits) {
            int n = rows.rows();
            if (groupStddev.length < n) {
                groupMean = new float[n * width];
                groupSigma = new float[n * width];
                groupStddev = new float[n];
            }
            float ws = params.get(0);
            for (int start = 0; start < n; start += rows.segment()) {
                int end = Math.min(n, start + rows.segment());
                for (int g0 = start; g0 < end; g0 += group) {
                    int size = Math.min(group, end - g0);
                    float s = groupStatistics(rows.features(), g0, size);
                    groupStddev[g0] = s;
                    for (int r = g0; r < g0 + size; r++) {
                        logits[r] += ws * s;
                    }
                }
            }
        }

        private float groupStatistics(float[] hidden, int g0, int size) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                float mean = 0f;
                for (int r = g0; r < g0 + size; r++) {
                    mean += hidden[r * width + j];
                }
                mean /= size;
                float var = 0f;
                for (int r = g0; r < g0 + size; r++) {
                    float e = hidden[r * width + j] - mean;
                    var += e * e;
                }
                float sigma = (float) Math.sqrt(var / size + 1e-8f);
                groupMean[g0 * width + j] = mean;
                groupSigma[g0 * width + j] = sigma;
                sum += sigma;
            }
            return (float) (sum / width);
        }

        /** For a group of size k: ds/dh_rj = (h_rj - mean_j) / (width k sigma_j); every row passes dLoss/dLogit w_s to s. */
        @Override
        public void backward(ParamSlice params, DiscriminatorRows rows, float[] logitGrad, ParamSlice gradient,
                             float[] featureGrad) {
            float[] hidden = rows.features();
            float ws = params.get(0);
            int n = rows.rows();
            for (int start = 0; start < n; start += rows.segment()) {
                int end = Math.min(n, start + rows.segment());
                for (int g0 = start; g0 < end; g0 += group) {
                    int size = Math.min(group, end - g0);
                    float dS = 0f;
                    for (int r = g0; r < g0 + size; r++) {
                        dS += logitGrad[r];
                    }
                    if (gradient != null) {
                        gradient.add(0, dS * groupStddev[g0]);
                    }
                    float scale = dS * ws / (width * size);
                    for (int r = g0; r < g0 + size; r++) {
                        for (int j = 0; j < width; j++) {
                            featureGrad[r * width + j] += scale * (hidden[r * width + j] - groupMean[g0 * width + j])
                                    / groupSigma[g0 * width + j];
                        }
                    }
                }
            }
        }
    }
}
