package dev.yunrag.ingest.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What OCR read in an image, by the SHA-256 of the image bytes (and the languages read with), so that re-ingesting a
 * changed document, or another document with the same images, never runs Tesseract on an image twice. Kept in memory
 * (bounded) and, when a directory is given, on disk, so a later run of {@code yunrag ingest} hits it too.
 */
public final class OcrCache {

    private static final int MEMORY_ENTRIES = 4096;

    private final Path directory;
    private final Map<String, String> memory = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MEMORY_ENTRIES;
        }
    };
    private final AtomicLong hits = new AtomicLong();

    /** @param directory where entries are kept across runs; null for memory only */
    public OcrCache(Path directory) {
        this.directory = directory;
    }

    /** The key of {@code image} read with {@code languages}. */
    public static String key(byte[] image, String languages) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(languages.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> get(String key) {
        String text;
        synchronized (memory) {
            text = memory.get(key);
        }
        if (text == null && directory != null) {
            try {
                Path file = fileOf(key);
                if (Files.isRegularFile(file)) {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                    remember(key, text);
                }
            } catch (IOException e) {
                text = null; // an unreadable entry is a miss: the image is read again
            }
        }
        if (text != null) {
            hits.incrementAndGet();
        }
        return Optional.ofNullable(text);
    }

    public void put(String key, String text) {
        remember(key, text);
        if (directory == null) {
            return;
        }
        try {
            Path file = fileOf(key);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), key, ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the cache only saves work: a failed write means this image is read again next time
        }
    }

    /** Lookups answered from the cache since start (for tests and the ingest summary). */
    public long hits() {
        return hits.get();
    }

    private void remember(String key, String text) {
        synchronized (memory) {
            memory.put(key, text);
        }
    }

    private Path fileOf(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".txt");
    }
}
