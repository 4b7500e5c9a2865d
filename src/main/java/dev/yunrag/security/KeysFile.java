package dev.yunrag.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code yunrag.security.keys-file}: key entries one a line, re-read when the file changes so that keys are rotated
 * and revoked without a restart. Checked at most once a second, on requests (no watcher thread). A file that no
 * longer parses is refused with an error in the log and the keys in force stay: a typo must not open or close the
 * API. Entries from {@code yunrag.security.keys} come first; the file's follow, so labels ("key 3") count on.
 */
final class KeysFile {

    private static final Logger LOG = Logger.getLogger(KeysFile.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path path;
    private final List<String> configured;
    private volatile long lastCheck = System.nanoTime();
    private volatile String version = "";

    KeysFile(Path path, List<String> configured) {
        this.path = path;
        this.configured = List.copyOf(configured);
    }

    /** The keys at start-up; a bad file stops start-up with the reason. */
    KeyRing initial() {
        version = version();
        return KeyRing.parse(entries());
    }

    /** The new keys if the file changed since the last look (and parses). */
    synchronized Optional<KeyRing> changed() {
        long now = System.nanoTime();
        if (now - lastCheck < CHECK_EVERY_NANOS) {
            return Optional.empty();
        }
        lastCheck = now;
        String current = version();
        if (current.equals(version)) {
            return Optional.empty();
        }
        version = current;
        try {
            KeyRing ring = KeyRing.parse(entries());
            LOG.infof("API keys reloaded from %s: %d key(s) in force", path, ring.size());
            ring.keys().forEach(key -> LOG.infof("API %s: %s, collections %s", key.label(),
                    key.role().name().toLowerCase(java.util.Locale.ROOT),
                    key.collections().isEmpty() ? "all" : String.join("|", key.collections())));
            return Optional.of(ring);
        } catch (RuntimeException e) {
            LOG.errorf("API keys file %s not reloaded, the previous keys stay in force: %s", path, e.getMessage());
            return Optional.empty();
        }
    }

    private List<String> entries() {
        List<String> entries = new ArrayList<>(configured);
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            // no file (yet): only the configured keys
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read keys file " + path, e);
        }
        return entries;
    }

    /** Changes when the file is edited or replaced (modification time and size). */
    private String version() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            return modified.toMillis() + ":" + Files.size(path);
        } catch (IOException e) {
            return "absent";
        }
    }
}
