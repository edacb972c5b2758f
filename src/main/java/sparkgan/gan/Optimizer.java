package sparkgan.gan;

import java.util.Locale;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.math.ParallelRanges;

/**
 * A first-order update of one flat parameter vector, applied on the driver to the averaged
 * gradient. L2 weight decay is added to the gradient of weights only (not biases), as in
 * DeepLearnToolbox. The state (momentum, Adam moments, step count) is exposed for checkpoints.
 */
public abstract class Optimizer {
    protected float lr;
    /** The configured rate, which schedules scale. */
    private final float baseLr;
    protected final float weightDecay;
    protected final boolean[] decayMask;

    protected Optimizer(float lr, float weightDecay, boolean[] decayMask) {
        this.lr = lr;
        this.baseLr = lr;
        this.weightDecay = weightDecay;
        this.decayMask = decayMask;
    }

    /** Changes the learning rate (for schedules). */
    public void setLearningRate(float lr) {
        this.lr = lr;
    }

    /** Sets the learning rate to {@code factor} times the configured one. */
    public void scaleLearningRate(double factor) {
        this.lr = (float) (baseLr * factor);
    }

    public float learningRate() {
        return lr;
    }

    /**
     * Updates {@code params} in place from the mean gradient {@code grad} (which it may modify). The
     * update is element-wise, so it runs over ranges of the vector in parallel with the same bits.
     */
    public final void step(float[] params, float[] grad) {
        begin();
        ParallelRanges.forEach(params.length, (from, to) -> {
            if (weightDecay != 0f) {
                for (int i = from; i < to; i++) {
                    if (decayMask[i]) {
                        grad[i] += weightDecay * params[i];
                    }
                }
            }
            update(params, grad, from, to);
        });
    }

    /** Prepares one step (counters, bias corrections) before its ranges run. */
    protected void begin() {
    }

    /** Updates elements [from, to) of {@code params}. */
    protected abstract void update(float[] params, float[] grad, int from, int to);

    /** An optimizer of the same kind and settings with zeroed state (for a temporary copy of a network). */
    public abstract Optimizer fresh();

    /** The optimizer's state vectors, in a fixed order, for checkpoints (live arrays). */
    public abstract float[][] state();

    /** Builds the optimizer one network's keys configure ({@code GanParams.D_OPT} or {@code G_OPT}). */
    public static Optimizer from(GanConfig c, GanParams.OptimizerParams keys, boolean[] decayMask) {
        float lr = c.get(keys.lr());
        float wd = c.get(keys.weightDecay());
        return switch (c.get(keys.type())) {
            case SGD -> new Sgd(lr, 0f, wd, decayMask);
            case MOMENTUM -> new Sgd(lr, c.get(keys.momentum()), wd, decayMask);
            case ADAM -> new Adam(lr, c.get(keys.beta1()), c.get(keys.beta2()), wd, decayMask);
        };
    }

    /** Adam with the given settings (for models other than the GAN's two networks). */
    public static Optimizer adam(float lr, float beta1, float beta2, float weightDecay, boolean[] decayMask) {
        return new Adam(lr, beta1, beta2, weightDecay, decayMask);
    }

    /** SGD, with classical momentum when momentum > 0: v = m v - lr g; w += v. */
    public static final class Sgd extends Optimizer {
        private final float momentum;
        private final float[] velocity;

        Sgd(float lr, float momentum, float weightDecay, boolean[] mask) {
            super(lr, weightDecay, mask);
            this.momentum = momentum;
            this.velocity = new float[mask.length];
        }

        @Override
        protected void update(float[] w, float[] g, int from, int to) {
            if (momentum == 0f) {
                for (int i = from; i < to; i++) {
                    w[i] -= lr * g[i];
                }
                return;
            }
            for (int i = from; i < to; i++) {
                velocity[i] = momentum * velocity[i] - lr * g[i];
                w[i] += velocity[i];
            }
        }

        @Override
        public Optimizer fresh() {
            return new Sgd(lr, momentum, weightDecay, decayMask);
        }

        @Override
        public float[][] state() {
            return new float[][] {velocity};
        }
    }

    /** Adam (Kingma and Ba 2015) with bias correction. */
    public static final class Adam extends Optimizer {
        private static final float EPS = 1e-8f;
        private final float beta1;
        private final float beta2;
        private final float[] m;
        private final float[] v;
        /** The step count, kept as a float array so that it checkpoints with the rest. */
        private final float[] t = new float[1];
        /** This step's bias-corrected rate and epsilon (set by {@link #begin}). */
        private float stepSize;
        private float epsHat;

        Adam(float lr, float beta1, float beta2, float weightDecay, boolean[] mask) {
            super(lr, weightDecay, mask);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.m = new float[mask.length];
            this.v = new float[mask.length];
        }

        @Override
        protected void begin() {
            t[0] += 1f;
            double c1 = 1 - Math.pow(beta1, t[0]);
            double c2 = 1 - Math.pow(beta2, t[0]);
            stepSize = (float) (lr * Math.sqrt(c2) / c1);
            epsHat = (float) (EPS * Math.sqrt(c2));
        }

        @Override
        protected void update(float[] w, float[] g, int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + epsHat);
            }
        }

        @Override
        public Optimizer fresh() {
            return new Adam(lr, beta1, beta2, weightDecay, decayMask);
        }

        @Override
        public float[][] state() {
            return new float[][] {m, v, t};
        }
    }
}
