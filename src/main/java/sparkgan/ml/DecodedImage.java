package sparkgan.ml;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import sparkgan.data.Background;

/**
 * One image file's pixels as javax.imageio decodes them, every pixel composited over the background
 * (so alpha is used, not dropped), as 0xRRGGBB row by row; and from them the bytes of the image data
 * source's struct: BGR, or one grey channel.
 */
record DecodedImage(int width, int height, int[] rgb) {
    /** The image in {@code bytes} over {@code background}, or null when javax.imageio cannot read them. */
    static DecodedImage decode(byte[] bytes, Background background) {
        BufferedImage image;
        // In memory, never through ImageIO's disk cache: the bytes are already here.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // The decoders answer malformed bytes with IIOException and also with runtime exceptions
            // (index out of bounds, illegal argument): either way the file is not an image we can read.
            return null;
        }
        return new DecodedImage(image.getWidth(), image.getHeight(), composited(image, background));
    }

    private static int[] composited(BufferedImage image, Background background) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            // getRGB would take Java's grey colour space as linear light and convert it to sRGB (grey 128
            // comes back as 188), but a PNG's or JPEG's grey bytes are meant as displayed, and Spark's image
            // source takes them as they are: read the samples (and alpha, the last band, when present).
            Raster raster = image.getRaster();
            int greyMax = (1 << model.getComponentSize(0)) - 1;
            boolean alpha = model.hasAlpha();
            int alphaBand = model.getNumComponents() - 1;
            int alphaMax = alpha ? (1 << model.getComponentSize(alphaBand)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int grey = toByte(raster.getSample(x, y, 0), greyMax);
                    int a = alpha ? toByte(raster.getSample(x, y, alphaBand), alphaMax) : 255;
                    out[y * w + x] = background.over(a << 24 | grey << 16 | grey << 8 | grey);
                }
            }
            return out;
        }
        // Every other colour model (RGB, RGBA, palette with or without alpha, 16 bits per channel) as
        // sRGB 0xAARRGGBB, not premultiplied.
        image.getRGB(0, 0, w, h, out, 0, w);
        for (int i = 0; i < out.length; i++) {
            out[i] = background.over(out[i]);
        }
        return out;
    }

    /** A sample of {@code max + 1} levels as 0-255, rounded to nearest. */
    private static int toByte(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }

    /** Whether some pixel is not grey (its red, green and blue differ), after compositing. */
    boolean colour() {
        for (int p : rgb) {
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            if (r != g || g != b) {
                return true;
            }
        }
        return false;
    }

    /** The image data source's 3-channel bytes: blue, green, red per pixel, row by row. */
    byte[] bgr() {
        byte[] out = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            out[3 * i] = (byte) rgb[i];
            out[3 * i + 1] = (byte) (rgb[i] >> 8);
            out[3 * i + 2] = (byte) (rgb[i] >> 16);
        }
        return out;
    }

    /**
     * One grey byte per pixel, row by row: the luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), rounded;
     * a grey pixel keeps its value exactly.
     */
    byte[] grey() {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xff;
            int g = (rgb[i] >> 8) & 0xff;
            int b = rgb[i] & 0xff;
            out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
        return out;
    }
}
