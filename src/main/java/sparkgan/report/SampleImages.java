package sparkgan.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import sparkgan.io.HadoopFiles;

/** Writes generated images (pixels in [0,1]) as an IDX images file or a PNG grid. */
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

    /** A grayscale PNG grid: {@code columns} images per row, 2-pixel gaps, each image scaled x2. */
    public static byte[] pngGrid(float[] images, int count, int height, int width, int columns) {
        int scale = 2;
        int gap = 2;
        int rowsOfImages = (count + columns - 1) / columns;
        int w = gap + columns * (width * scale + gap);
        int h = gap + rowsOfImages * (height * scale + gap);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.image.WritableRaster raster = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, 64);
            }
        }
        for (int k = 0; k < count; k++) {
            int ox = gap + (k % columns) * (width * scale + gap);
            int oy = gap + (k / columns) * (height * scale + gap);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int v = toByte(images[k * height * width + r * width + c]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(ox + c * scale + dx, oy + r * scale + dy, 0, v);
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

    /** Writes {@code count} images to {@code uri}: PNG for .png, IDX for .idx / -idx3-ubyte. */
    public static void write(String uri, float[] images, int count, int height, int width) {
        write(uri, images, count, height, width, (int) Math.ceil(Math.sqrt(count)));
    }

    /** As above, with {@code columns} images per row of a PNG grid. */
    public static void write(String uri, float[] images, int count, int height, int width, int columns) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        byte[] bytes;
        if (lower.endsWith(".png")) {
            bytes = pngGrid(images, count, height, width, columns);
        } else if (lower.endsWith(".idx") || lower.endsWith("-idx3-ubyte")) {
            bytes = idx(images, count, height, width);
        } else {
            throw new sparkgan.BadInputException("--out " + uri + ": expected a name ending in .png, .idx or -idx3-ubyte");
        }
        HadoopFiles.writeAtomically(uri, bytes);
    }
}
