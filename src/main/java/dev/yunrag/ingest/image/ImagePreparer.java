package dev.yunrag.ingest.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decides whether an image is worth reading and gets it into the shape Tesseract wants: icons, bullets and rules
 * (too small) and blank or one-colour images are skipped; large images are scaled down to {@code maxSide}.
 * Images Java cannot decode (WebP, some TIFF compressions) are handed to Tesseract as they are: its image library
 * reads more formats than ImageIO.
 */
final class ImagePreparer {

    /** What to do with one image. */
    sealed interface Outcome permits Skip, Read {
    }

    /** Not worth reading: {@code why} is "small" or "blank". */
    record Skip(String why) implements Outcome {
    }

    /** Read {@code bytes} (of {@code contentType}) with OCR. */
    record Read(byte[] bytes, String contentType) implements Outcome {
    }

    /** Luminance range below which an image is one colour (a rule, a blank box, a background tile). */
    private static final int BLANK_RANGE = 40;
    private static final int SAMPLES_PER_SIDE = 96;

    private final int minSide;
    private final int minPixels;
    private final int maxSide;

    ImagePreparer(int minSide, int minPixels, int maxSide) {
        this.minSide = minSide;
        this.minPixels = minPixels;
        this.maxSide = maxSide;
    }

    Outcome prepare(byte[] bytes, String contentType) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            image = null;
        }
        if (image == null) {
            return new Read(bytes, contentType);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        if (width < minSide || height < minSide || (long) width * height < minPixels) {
            return new Skip("small");
        }
        if (isBlank(image)) {
            return new Skip("blank");
        }
        int longer = Math.max(width, height);
        if (longer <= maxSide && "image/png".equals(contentType)) {
            return new Read(bytes, contentType);
        }
        return new Read(png(longer > maxSide ? scaled(image, (double) maxSide / longer) : image), "image/png");
    }

    /** True when the sampled pixels span almost no range of brightness. */
    static boolean isBlank(BufferedImage image) {
        int min = 255;
        int max = 0;
        int stepX = Math.max(1, image.getWidth() / SAMPLES_PER_SIDE);
        int stepY = Math.max(1, image.getHeight() / SAMPLES_PER_SIDE);
        for (int y = 0; y < image.getHeight(); y += stepY) {
            for (int x = 0; x < image.getWidth(); x += stepX) {
                int rgb = image.getRGB(x, y);
                int alpha = (rgb >>> 24) & 0xff;
                int luminance = alpha < 128 ? 255
                        : (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                min = Math.min(min, luminance);
                max = Math.max(max, luminance);
                if (max - min >= BLANK_RANGE) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BufferedImage scaled(BufferedImage image, double factor) {
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        BufferedImage opaque = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            // transparent pixels would turn black in some encoders; Tesseract wants text on a light background
            opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = opaque.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(opaque, "png", out);
        return out.toByteArray();
    }
}
