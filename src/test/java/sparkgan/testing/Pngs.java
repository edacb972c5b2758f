package sparkgan.testing;

import java.awt.image.BufferedImage;

/** What the tests ask of a PNG they read back. */
public final class Pngs {
    private Pngs() {
    }

    /** Whether some pixel has a red value other than its blue one: a grey image has none. */
    public static boolean hasColour(BufferedImage png) {
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y);
                if (((rgb >> 16) & 0xff) != (rgb & 0xff)) {
                    return true;
                }
            }
        }
        return false;
    }
}
