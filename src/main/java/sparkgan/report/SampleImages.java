package sparkgan.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import sparkgan.data.ImageShape;
import sparkgan.io.HadoopFiles;

/** Writes generated images (values in [0,1], each image channel by channel) as an IDX images file or a PNG grid. */
public final class SampleImages {
    private SampleImages() {
    }

    public static int toByte(float x) {
        return Math.round(255f * Math.max(0f, Math.min(1f, x)));
    }

    /** IDX (magic 2051), count x height x width unsigned bytes, round(255 x). */
    public static byte[] idx(float[] images, int count, int height, int width) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(16 + count * height * width);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(height);
            out.writeInt(width);
            for (int i = 0; i < count * height * width; i++) {
                out.writeByte(toByte(images[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /**
     * A PNG grid: {@code columns} images per row, 2-pixel gaps, each image scaled x2; grayscale for
     * single-channel images, colour for three channels (red, green, blue planes).
     */
    public static byte[] pngGrid(float[] images, int count, ImageShape shape, int columns) {
        int channels = shape.channels();
        if (channels != 1 && channels != 3) {
            throw new sparkgan.BadInputException("a PNG grid shows 1 or 3 channels; these images have " + shape.describe());
        }
        int scale = 2;
        int gap = 2;
        int height = shape.height();
        int width = shape.width();
        int rowsOfImages = (count + columns - 1) / columns;
        int w = gap + columns * (width * scale + gap);
        int h = gap + rowsOfImages * (height * scale + gap);
        BufferedImage img = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        java.awt.image.WritableRaster raster = img.getRaster();
        for (int b = 0; b < channels; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x, y, b, 64);
                }
            }
        }
        int plane = height * width;
        for (int k = 0; k < count; k++) {
            int ox = gap + (k % columns) * (width * scale + gap);
            int oy = gap + (k / columns) * (height * scale + gap);
            for (int b = 0; b < channels; b++) {
                for (int r = 0; r < height; r++) {
                    for (int c = 0; c < width; c++) {
                        int v = toByte(images[(k * channels + b) * plane + r * width + c]);
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                raster.setSample(ox + c * scale + dx, oy + r * scale + dy, b, v);
                            }
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code count} images to {@code uri}: PNG for .png (a near-square grid), IDX for .idx / -idx3-ubyte. */
    public static void write(String uri, float[] images, int count, ImageShape shape) {
        write(uri, images, count, shape, (int) Math.ceil(Math.sqrt(count)));
    }

    /** As above, with {@code columns} images per row of a PNG grid. */
    public static void write(String uri, float[] images, int count, ImageShape shape, int columns) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        byte[] bytes;
        if (lower.endsWith(".png")) {
            bytes = pngGrid(images, count, shape, columns);
        } else if (lower.endsWith(".idx") || lower.endsWith("-idx3-ubyte")) {
            if (shape.channels() != 1) {
                throw new sparkgan.BadInputException("--out " + uri + ": an IDX images file holds single-channel images; these are "
                        + shape.describe() + " (write a .png)");
            }
            bytes = idx(images, count, shape.height(), shape.width());
        } else {
            throw new sparkgan.BadInputException("--out " + uri + ": expected a name ending in .png, .idx or -idx3-ubyte");
        }
        HadoopFiles.writeAtomically(uri, bytes);
    }
}
