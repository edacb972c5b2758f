package sparkgan.data;

import java.io.Serializable;
import java.util.Locale;
import sparkgan.BadInputException;

/**
 * The colour a transparent pixel is seen against (config key data.background): images with alpha are
 * composited over it, so that a transparent pixel trains as this colour and not as whatever RGB value
 * its file happens to store there (often not black: emoji store red or white under alpha 0).
 */
public record Background(int red, int green, int blue) implements Serializable {
    public static final Background WHITE = new Background(255, 255, 255);
    public static final Background BLACK = new Background(0, 0, 0);

    public Background {
        if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
            throw new IllegalArgumentException("a background is three values 0-255, not " + red + "," + green + "," + blue);
        }
    }

    /** "white", "black" or "R,G,B" with each 0-255. */
    public static Background parse(String text, String key) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (word.equals("white")) {
            return WHITE;
        }
        if (word.equals("black")) {
            return BLACK;
        }
        String[] parts = word.split(",");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            return new Background(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[2].trim()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("config key '" + key + "' = '" + text + "': expected white, black or R,G,B (each 0-255)");
        }
    }

    /**
     * A channel's value seen over this background, a x c + (1 - a) x background, in bytes (0-255) and
     * rounded to nearest: alpha 0 gives the background's value exactly and alpha 255 the colour's, so
     * fully transparent and fully opaque pixels carry no rounding.
     *
     * @param channel 0 red, 1 green, 2 blue
     */
    public int over(int colour, int alpha, int channel) {
        int back = channel == 0 ? red : channel == 1 ? green : blue;
        return (alpha * colour + (255 - alpha) * back + 127) / 255;
    }

    /** An sRGB pixel 0xAARRGGBB (not premultiplied) seen over this background, as 0xRRGGBB. */
    public int over(int argb) {
        int a = argb >>> 24;
        return over((argb >> 16) & 0xff, a, 0) << 16 | over((argb >> 8) & 0xff, a, 1) << 8 | over(argb & 0xff, a, 2);
    }
}
