package sparkgan.ml;

import sparkgan.BadInputException;

/**
 * The pixel range of a DataFrame's images: 0-1 or 0-255. Training maps it to the generator's range
 * (exactly as the IDX reader maps bytes: x / 255 in float, then 2x - 1 for a tanh generator), and a
 * model's output comes back in it.
 */
enum PixelScale {
    UNIT("0-1", 1f),
    BYTE("0-255", 255f);

    private final String text;
    private final float max;

    PixelScale(String text, float max) {
        this.text = text;
        this.max = max;
    }

    String text() {
        return text;
    }

    /** The largest value of the range. */
    float max() {
        return max;
    }

    /** A value of this range in [0,1], as the IDX reader computes it for a byte. */
    float toUnit(double value) {
        return this == BYTE ? (float) value / 255f : (float) value;
    }

    static PixelScale parse(String text) {
        for (PixelScale s : values()) {
            if (s.text.equals(text.trim())) {
                return s;
            }
        }
        throw new BadInputException("pixelScale = '" + text + "': expected 0-1 or 0-255");
    }
}
