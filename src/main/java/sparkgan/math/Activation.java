package sparkgan.math;

import java.util.Locale;
import sparkgan.BadInputException;

/**
 * Element-wise activations. The derivative is expressed through the output y = f(x) where that is
 * possible (sigmoid, tanh), and through the sign of y for the piecewise-linear ones, so the backward
 * pass needs only the stored activations.
 */
public enum Activation {
    LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU;

    /** Slope of LeakyReLU for negative inputs (0.2, the usual choice for GANs). */
    public static final float LEAKY_SLOPE = 0.2f;

    public static Activation parse(String name, String key) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "linear": case "identity": return LINEAR;
            case "sigmoid": return SIGMOID;
            case "tanh": return TANH;
            case "relu": return RELU;
            case "leakyrelu": case "leaky_relu": case "lrelu": return LEAKY_RELU;
            default:
                throw new BadInputException("config key '" + key + "': unknown activation '" + name
                        + "', expected one of linear, sigmoid, tanh, relu, leakyrelu");
        }
    }

    public String configName() {
        return this == LEAKY_RELU ? "leakyrelu" : name().toLowerCase(Locale.ROOT);
    }

    /** y = f(x) in place over [off, off+len). */
    public void apply(float[] x, int off, int len) {
        int end = off + len;
        switch (this) {
            case LINEAR:
                return;
            case SIGMOID:
                for (int i = off; i < end; i++) {
                    x[i] = sigmoid(x[i]);
                }
                return;
            case TANH:
                for (int i = off; i < end; i++) {
                    x[i] = (float) Math.tanh(x[i]);
                }
                return;
            case RELU:
                for (int i = off; i < end; i++) {
                    x[i] = x[i] > 0f ? x[i] : 0f;
                }
                return;
            case LEAKY_RELU:
                for (int i = off; i < end; i++) {
                    x[i] = x[i] > 0f ? x[i] : LEAKY_SLOPE * x[i];
                }
                return;
            default:
                throw new IllegalStateException(name());
        }
    }

    /** grad *= f'(x), with f'(x) computed from the stored outputs y. */
    public void backward(float[] y, float[] grad, int off, int len) {
        int end = off + len;
        switch (this) {
            case LINEAR:
                return;
            case SIGMOID:
                for (int i = off; i < end; i++) {
                    grad[i] *= y[i] * (1f - y[i]);
                }
                return;
            case TANH:
                for (int i = off; i < end; i++) {
                    grad[i] *= 1f - y[i] * y[i];
                }
                return;
            case RELU:
                for (int i = off; i < end; i++) {
                    if (y[i] <= 0f) {
                        grad[i] = 0f;
                    }
                }
                return;
            case LEAKY_RELU:
                for (int i = off; i < end; i++) {
                    if (y[i] <= 0f) {
                        grad[i] *= LEAKY_SLOPE;
                    }
                }
                return;
            default:
                throw new IllegalStateException(name());
        }
    }

    public static float sigmoid(float x) {
        // Split by sign so exp never overflows.
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}
