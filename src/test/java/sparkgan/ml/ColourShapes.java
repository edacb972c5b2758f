package sparkgan.ml;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** A folder of colour PNG images for the tests: red, green, blue and yellow discs and squares of random size and place on black. */
final class ColourShapes {
    private ColourShapes() {
    }

    static Path write(Path folder, int count, int size) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom rng = new SplittableRandom(3);
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(colours[i % colours.length]);
            int side = size / 4 + rng.nextInt(size / 3);
            if (i % 2 == 0) {
                g.fillOval(rng.nextInt(size - side), rng.nextInt(size - side), side, side);
            } else {
                g.fillRect(rng.nextInt(size - side), rng.nextInt(size - side), side, side);
            }
            g.dispose();
            ImageIO.write(image, "png", folder.resolve(String.format("shape-%03d.png", i)).toFile());
        }
        return folder;
    }
}
