package dev.yunrag.ingest.image;

import dev.yunrag.model.FigureSpan;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Small JPEG copies of the images text was read from, shown beside a citation of that text. Stored at ingest under
 * {@code DATA_DIR/thumbnails}, by figure id (the hash of the image's bytes): the same picture in several documents,
 * or read again on re-ingest, is stored once. Nothing here decides who may see a thumbnail: the API serves one only
 * to a caller allowed a collection with a document citing that figure.
 */
public final class Thumbnails {

    /** Longest side of a thumbnail, in pixels: enough to recognise a page or a chart beside a citation. */
    public static final int MAX_SIDE = 320;

    private final Path directory;

    public Thumbnails(Path directory) {
        this.directory = directory;
    }

    /** The store of a data directory. */
    public static Thumbnails under(Path dataDir) {
        return new Thumbnails(dataDir.resolve("thumbnails"));
    }

    /** The figure id of an image: the first 96 bits of the SHA-256 of its bytes, in hex. */
    public static String figureId(byte[] image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores a thumbnail of {@code image} as {@code figure} unless one is there. An image Java cannot decode (WebP)
     * gets none; a failed write is ignored (a citation then shows no picture, the text is unaffected).
     */
    public void store(String figure, byte[] image) {
        Path file = fileOf(figure);
        try {
            if (Files.isRegularFile(file)) {
                // read again: fresh for a sweep, which spares recent files (their document may be uncommitted yet)
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
                return;
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                return;
            }
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), figure, ".tmp");
            ImageIO.write(small(decoded), "jpeg", temp.toFile());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // only the picture beside a citation is lost
        }
    }

    /** The thumbnail file of {@code figure}; empty when the id is malformed or none was stored. */
    public Optional<Path> find(String figure) {
        if (figure == null || !FigureSpan.FIGURE_ID.matcher(figure).matches()) {
            return Optional.empty();
        }
        Path file = fileOf(figure);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Removes the thumbnail of {@code figure}, if there is one (its document was deleted). */
    public void remove(String figure) {
        find(figure).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left behind, but no longer served: no document cites it
            }
        });
    }

    /**
     * The figure ids of the thumbnails stored and last written (or read again) before {@code before}: what a sweep
     * may consider. Empty when nothing was stored.
     */
    public java.util.List<String> storedBefore(java.time.Instant before) {
        if (!Files.isDirectory(directory)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(directory, 2)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jpg"))
                    .filter(file -> lastWritten(file).isBefore(before))
                    .map(file -> file.getFileName().toString().replace(".jpg", ""))
                    .filter(figure -> FigureSpan.FIGURE_ID.matcher(figure).matches())
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return java.util.List.of(); // nothing swept this time; the files stay until the next sweep
        }
    }

    private static java.time.Instant lastWritten(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return java.time.Instant.MAX;
        }
    }

    private Path fileOf(String figure) {
        if (!FigureSpan.FIGURE_ID.matcher(figure).matches()) {
            throw new IllegalArgumentException("not a figure id: " + figure);
        }
        return directory.resolve(figure.substring(0, 2)).resolve(figure + ".jpg");
    }

    /** Scaled to fit {@link #MAX_SIDE}, on white (JPEG has no transparency). */
    private static BufferedImage small(BufferedImage image) {
        double factor = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
