package sparkgan.data;

import java.io.Serializable;
import sparkgan.BadInputException;

/**
 * The shape of one image: channels, height, width (rows of pixels are stored channel by channel,
 * each channel row-major, as NCHW). A flat vector of n values (tabular data) is 1 x 1 x n.
 */
public record ImageShape(int channels, int height, int width) implements Serializable {
    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image shape needs positive sizes, not " + channels + "x" + height + "x" + width);
        }
    }

    /** Single-channel images of the given height and width. */
    public static ImageShape gray(int height, int width) {
        return new ImageShape(1, height, width);
    }

    public int pixels() {
        return channels * height * width;
    }

    /**
     * The shape a configuration value gives for images of {@code pixels} values: "channels,height,width";
     * empty means square single-channel images when {@code pixels} is a square, else a flat vector.
     */
    public static ImageShape parse(String text, int pixels, String key) {
        if (text.isBlank()) {
            int side = (int) Math.round(Math.sqrt(pixels));
            return side * side == pixels ? gray(side, side) : gray(1, pixels);
        }
        ImageShape shape = parse(text, key);
        if (shape.pixels() != pixels) {
            throw new BadInputException("config key '" + key + "' = '" + text + "': " + shape.pixels()
                    + " values per image, but the generator makes " + pixels);
        }
        return shape;
    }

    /** "channels,height,width", each a positive integer. */
    public static ImageShape parse(String text, String key) {
        String[] parts = text.split(",");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            return new ImageShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("config key '" + key + "' = '" + text + "': expected channels,height,width (positive integers)");
        }
    }

    /** As the configuration writes it: "channels,height,width". */
    @Override
    public String toString() {
        return channels + "," + height + "," + width;
    }

    /** For people: "1x28x28". */
    public String describe() {
        return channels + "x" + height + "x" + width;
    }
}
