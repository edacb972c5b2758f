package sparkgan.math;

import java.util.Locale;
import java.util.SplittableRandom;
import sparkgan.BadInputException;

/** The generator's input distribution. */
public enum Noise {
    GAUSSIAN, UNIFORM, GAUSSIAN_MINMAX;

    public static Noise parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "gaussian": return GAUSSIAN;
            case "uniform": return UNIFORM;
            case "gaussian-minmax": return GAUSSIAN_MINMAX;
            default:
                throw new BadInputException("config key 'noise' = '" + name
                        + "': expected gaussian, uniform or gaussian-minmax");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Fills {@code rows} vectors of {@code dim} values at {@code off}. */
    public void fill(SplittableRandom rng, float[] out, int off, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            int base = off + r * dim;
            switch (this) {
                case GAUSSIAN:
                    for (int i = 0; i < dim; i++) {
                        out[base + i] = (float) rng.nextGaussian();
                    }
                    break;
                case UNIFORM:
                    for (int i = 0; i < dim; i++) {
                        out[base + i] = (float) (rng.nextDouble() * 2 - 1);
                    }
                    break;
                case GAUSSIAN_MINMAX:
                    float lo = Float.POSITIVE_INFINITY;
                    float hi = Float.NEGATIVE_INFINITY;
                    for (int i = 0; i < dim; i++) {
                        float x = (float) rng.nextGaussian();
                        out[base + i] = x;
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                    float range = hi > lo ? hi - lo : 1f;
                    for (int i = 0; i < dim; i++) {
                        out[base + i] = (out[base + i] - lo) / range;
                    }
                    break;
                default:
                    throw new IllegalStateException(name());
            }
        }
    }
}
