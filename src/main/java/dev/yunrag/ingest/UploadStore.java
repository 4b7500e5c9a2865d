package dev.yunrag.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;

/**
 * Keeps uploaded files under {@code DATA_DIR/uploads/COLLECTION/}, with names made safe: no directories, no path
 * traversal, no control characters. Uploading a file with the same name again replaces it (and its document).
 */
public class UploadStore {

    private static final int MAX_NAME_CHARS = 120;
    private static final int MAX_NAME_BYTES = 200;

    private final Path root;

    public UploadStore(Path dataDir) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("uploads");
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

    /** The last path segment of a client-supplied name, stripped of anything that could escape the folder. */
    public static String safeName(String originalName) {
        String name = originalName == null ? "" : originalName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC).replaceAll("[\\p{Cntrl}<>:\"|?*]", "_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            name = "upload";
        }
        return tail(name);
    }

    /**
     * The end of a long name (where its extension is), at most {@link #MAX_NAME_CHARS} characters and
     * {@link #MAX_NAME_BYTES} bytes of UTF-8: file systems count bytes (ext4: 255), and 120 Chinese characters are 360.
     * Cut between code points, never inside a surrogate pair.
     */
    private static String tail(String name) {
        int start = 0;
        while (name.length() - start > MAX_NAME_CHARS
                || name.substring(start).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            start = name.offsetByCodePoints(start, 1);
        }
        String tail = name.substring(start).strip();
        while (tail.startsWith(".")) {
            tail = tail.substring(1);
        }
        return tail.isBlank() ? "upload" : tail;
    }
}
