import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Crops a PNG to its top HEIGHT pixels and writes it with a 256-colour palette (for docs/dashboard.png). */
public class ShrinkPng {
    public static void main(String... args) throws Exception {
        BufferedImage in = ImageIO.read(new File(args[0]));
        int height = Math.min(in.getHeight(), Integer.parseInt(args[2]));
        BufferedImage out = new BufferedImage(in.getWidth(), height, BufferedImage.TYPE_BYTE_INDEXED);
        out.getGraphics().drawImage(in.getSubimage(0, 0, in.getWidth(), height), 0, 0, null);
        ImageIO.write(out, "png", new File(args[1]));
    }
}
