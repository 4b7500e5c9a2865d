package dev.yunrag.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which index directory of a collection is the one in force. A collection directory holds one or more index
 * directories ({@code index}, {@code index-20261206-104500-3f2a}) and a one-line file {@code CURRENT} naming the one
 * readers and writers use; without the file it is {@code index}, the layout before indexes could be built aside.
 *
 * <p>Why: a re-index with another embedding model, or a restore, builds a whole new index beside the one that keeps
 * serving, and then switches to it with one atomic rename of the pointer file. A crash before the rename leaves the
 * old index in force and the new directory an orphan (removed by {@link LuceneCollections#sweepAbandoned}).
 */
final class IndexPointer {

    static final String FILE = "CURRENT";
    static final String DEFAULT = "index";
    private static final Pattern INDEX_DIR = Pattern.compile("index(-[0-9a-z-]{1,40})?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private IndexPointer() {
    }

    /** The index directory in force in {@code collectionDir} (which may not exist yet). */
    static Path current(Path collectionDir) {
        Path pointer = collectionDir.resolve(FILE);
        if (!Files.isRegularFile(pointer)) {
            return collectionDir.resolve(DEFAULT);
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            if (!INDEX_DIR.matcher(name).matches()) {
                throw new IllegalStateException("Unreadable index pointer " + pointer + ": '" + name + "'");
            }
            return collectionDir.resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the index pointer " + pointer, e);
        }
    }

    /** A new, unused index directory name beside the current one (not created). */
    static Path newSide(Path collectionDir) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return collectionDir.resolve(DEFAULT + "-" + LocalDateTime.now().format(STAMP) + "-" + suffix);
    }

    /**
     * Makes {@code indexDir} the one in force: the pointer is written to a temporary file, forced to disk and renamed
     * over the old one atomically, so a reader sees the old name or the new one, never a partial file.
     */
    static void point(Path collectionDir, Path indexDir) {
        if (!indexDir.getParent().equals(collectionDir) || !INDEX_DIR.matcher(indexDir.getFileName().toString())
                .matches()) {
            throw new IllegalArgumentException(indexDir + " is not an index directory of " + collectionDir);
        }
        Path temp = collectionDir.resolve(FILE + ".tmp");
        try {
            Files.writeString(temp, indexDir.getFileName() + "\n", StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, collectionDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot switch collection " + collectionDir.getFileName() + " to "
                    + indexDir.getFileName(), e);
        }
    }

    /** Index directories of the collection other than the one in force (abandoned builds, retired indexes). */
    static List<Path> others(Path collectionDir) {
        if (!Files.isDirectory(collectionDir)) {
            return List.of();
        }
        Path current = current(collectionDir);
        try (Stream<Path> entries = Files.list(collectionDir)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> INDEX_DIR.matcher(dir.getFileName().toString()).matches())
                    .filter(dir -> !dir.equals(current)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + collectionDir, e);
        }
    }

    /** Deletes a directory tree; missing is fine. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
