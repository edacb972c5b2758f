package sparkgan.math;

import java.util.Locale;
import sparkgan.BadInputException;

/**
 * Element-wise activations. The derivative is expressed through the output y = f(x) where that is
 * possible (sigmoid, tanh), and through the sign of y for the piecewise-linear ones, so the backward
 * pass needs only the stored activations.
 */
public enum Activation {
    LINEAR {
        @Override
        public void apply(float[] x, int off, int len) {
        }

        @Override
        public void backward(float[] y, float[] grad, int off, int len) {
        }
    },
    SIGMOID {
        @Override
        public void apply(float[] x, int off, int len) {
            for (int i = off; i < off + len; i++) {
                x[i] = sigmoid(x[i]);
            }
        }

        @Override
        public void backward(float[] y, float[] grad, int off, int len) {
            for (int i = off; i < off + len; i++) {
                grad[i] *= y[i] * (1f - y[i]);
            }
        }
    },
    TANH {
        @Override
        public void apply(float[] x, int off, int len) {
            for (int i = off; i < off + len; i++) {
                x[i] = tanh(x[i]);
            }
        }

        @Override
        public void backward(float[] y, float[] grad, int off, int len) {
            for (int i = off; i < off + len; i++) {
                grad[i] *= 1f - y[i] * y[i];
            }
        }
    },
    RELU {
        @Override
        public void apply(float[] x, int off, int len) {
            for (int i = off; i < off + len; i++) {
                x[i] = x[i] > 0f ? x[i] : 0f;
            }
        }

        @Override
        public void backward(float[] y, float[] grad, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (y[i] <= 0f) {
                    grad[i] = 0f;
                }
            }
        }
    },
    LEAKY_RELU {
        /**
         * max(x, 0.2x) is the same function without a branch: the signs of pre-activations are a coin
         * toss, and a mispredicted branch per element cost ~5 ns (docs/BENCHMARKS.md).
         */
        @Override
        public void apply(float[] x, int off, int len) {
            for (int i = off; i < off + len; i++) {
                x[i] = Math.max(x[i], LEAKY_SLOPE * x[i]);
            }
        }

        @Override
        public void backward(float[] y, float[] grad, int off, int len) {
            for (int i = off; i < off + len; i++) {
                grad[i] *= Float.intBitsToFloat(ONE_BITS ^ (ONE_XOR_SLOPE & notPositiveMask(y[i])));
            }
        }
    };

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
    public abstract void apply(float[] x, int off, int len);

    /** grad *= f'(x), with f'(x) computed from the stored outputs y. */
    public abstract void backward(float[] y, float[] grad, int off, int len);

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);
    private static final int ONE_XOR_SLOPE = ONE_BITS ^ Float.floatToRawIntBits(LEAKY_SLOPE);

    /**
     * All ones where {@code y <= 0f} (either zero, any negative) and zero where y > 0 or NaN, without
     * a branch: on the bit pattern b, {@code (b | (b - 1)) >> 31} is all ones for +0 and for every
     * pattern with the sign bit, and the NaNs (magnitude above infinity's) are masked out. It picks
     * LeakyReLU's slope the way {@code y <= 0f ? slope : 1} would, at a fifth of the cost.
     */
    static int notPositiveMask(float y) {
        int b = Float.floatToRawIntBits(y);
        int notNaN = ~((0x7f800000 - (b & 0x7fffffff)) >> 31);
        return ((b | (b - 1)) >> 31) & notNaN;
    }

    /**
     * tanh rounded to float, through exp: on Java 17 Math.tanh is a call into the native fdlibm
     * (~40 ns here), Math.exp an intrinsic (the whole function ~9 ns). Computed in double, the
     * float it rounds to agreed with (float) Math.tanh on 40 million random floats; below 2^-12,
     * tanh(x) rounds to x itself, which also avoids the cancellation in 1 - e^(-2|x|).
     */
    public static float tanh(float x) {
        float a = Math.abs(x);
        if (a < 0x1.0p-12f) {
            return x;
        }
        double e = Math.exp(-2.0 * a);
        return Math.copySign((float) ((1.0 - e) / (1.0 + e)), x);
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
