package dev.yunrag.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps uploaded files under {@code DATA_DIR/uploads/COLLECTION/}, with names made safe: no directories, no path
 * traversal, no control characters. Uploading a file with the same name again replaces it (and its document); two
 * different names never share a stored file (a name that had to be changed carries a hash of what was sent).
 */
public class UploadStore {

    private static final int MAX_NAME_CHARS = 120;
    private static final int MAX_NAME_BYTES = 200;
    /** Longer "extensions" are part of the name. */
    private static final int MAX_EXTENSION_CHARS = 16;
    static final String FALLBACK = "upload";

    private final Path root;

    public UploadStore(Path dataDir) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("uploads");
    }

    /** {@code DATA_DIR/uploads}. */
    public Path root() {
        return root;
    }

    /** Moves an uploaded temporary file into the collection's upload folder; returns where it now is. */
    public Path store(String collection, String originalName, Path uploaded) {
        Path dir = root.resolve(collection);
        Path target = dir.resolve(safeName(originalName)).normalize();
        if (!target.startsWith(dir)) {
            throw new IllegalArgumentException("Invalid file name '" + originalName + "'");
        }
        try {
            Files.createDirectories(dir);
            Files.copy(uploaded, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store upload " + target.getFileName(), e);
        }
    }

    /**
     * Deletes a stored upload of {@code collection}; a path outside that folder (a document ingested from the
     * command line points at the operator's own file) is never touched. Returns the file deleted, if any.
     */
    public Optional<Path> remove(String collection, String pathText) {
        if (pathText == null) {
            return Optional.empty();
        }
        Path dir = root.resolve(collection);
        Path path = Path.of(pathText).toAbsolutePath().normalize();
        if (!path.startsWith(dir) || path.equals(dir)) {
            return Optional.empty();
        }
        try {
            return Files.deleteIfExists(path) ? Optional.of(path) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete upload " + path.getFileName(), e);
        }
    }

    /**
     * The last path segment of a client-supplied name, stripped of anything that could escape the folder. When the
     * name had to change (dots, control characters, length), a hash of the name as sent is added, so that
     * {@code ..}, {@code .} and {@code .env}, say, do not all land on one file and replace each other.
     */
    public static String safeName(String originalName) {
        String given = originalName == null ? "" : originalName.replace('\\', '/');
        given = Normalizer.normalize(given.substring(given.lastIndexOf('/') + 1), Normalizer.Form.NFC);
        String cleaned = given.replaceAll("[\\p{Cntrl}<>:\"|?*]", "_").strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.equals(given) && fits(cleaned)) {
            return cleaned;
        }
        if (given.isBlank()) {
            return FALLBACK;
        }
        String suffix = "-" + hash(given);
        int dot = cleaned.lastIndexOf('.');
        boolean hasExtension = dot > 0 && cleaned.length() - dot <= MAX_EXTENSION_CHARS;
        String extension = hasExtension ? cleaned.substring(dot) : "";
        String base = hasExtension ? cleaned.substring(0, dot) : cleaned;
        String kept = tail(base, MAX_NAME_CHARS - suffix.length() - extension.length(),
                MAX_NAME_BYTES - suffix.length() - extension.getBytes(StandardCharsets.UTF_8).length);
        return (kept.isBlank() ? FALLBACK : kept) + suffix + extension;
    }

    private static boolean fits(String name) {
        return !name.isEmpty() && name.length() <= MAX_NAME_CHARS
                && name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES;
    }

    /**
     * The end of a long name, at most {@code maxChars} characters and {@code maxBytes} bytes of UTF-8: file systems
     * count bytes (ext4: 255), and 120 Chinese characters are 360. Cut between code points, never inside a
     * surrogate pair.
     */
    private static String tail(String name, int maxChars, int maxBytes) {
        int start = 0;
        while (name.length() - start > maxChars
                || name.substring(start).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            start = name.offsetByCodePoints(start, 1);
        }
        String tail = name.substring(start).strip();
        while (tail.startsWith(".")) {
            tail = tail.substring(1);
        }
        return tail;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
