package sparkgan.math;

/** Softmax cross-entropy of a row of logits, computed stably (max subtracted before exp). */
public final class Softmax {
    private Softmax() {
    }

    /**
     * Writes softmax(z) of row {@code r} into {@code probs} (same layout) and returns -log p[label];
     * when {@code grad} is not null, writes dLoss/dz = p - onehot(label) there.
     */
    public static double crossEntropy(float[] logits, int r, int classes, int label, float[] probs, float[] grad) {
        int off = r * classes;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, logits[off + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(logits[off + k] - max);
        }
        double logSum = max + Math.log(sum);
        for (int k = 0; k < classes; k++) {
            double p = Math.exp(logits[off + k] - logSum);
            probs[off + k] = (float) p;
            if (grad != null) {
                grad[off + k] = (float) (p - (k == label ? 1 : 0));
            }
        }
        return label < 0 ? 0 : logSum - logits[off + label];
    }
}
