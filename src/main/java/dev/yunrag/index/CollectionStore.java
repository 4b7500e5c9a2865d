package dev.yunrag.index;

import dev.yunrag.index.lucene.LuceneChunkIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The collections under the data directory, one Lucene index each at {@code DATA_DIR/collections/NAME/index}.
 * Indexes are opened once and shared by the server and the commands of one process.
 */
public class CollectionStore implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path root;
    private final int rescoreOversample;
    private final Map<String, LuceneChunkIndex> open = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> writeLocks = new ConcurrentHashMap<>();

    public CollectionStore(Path dataDir) {
        this(dataDir, 1);
    }

    /** @param rescoreOversample see {@link LuceneChunkIndex#open(String, Path, IndexSettings, int)}; 1 is off */
    public CollectionStore(Path dataDir, int rescoreOversample) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("collections");
        this.rescoreOversample = rescoreOversample;
    }

    /** Checks a collection name: letters, digits, '_', '.', '-', at most 64, not starting with a symbol. */
    public static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid collection name '" + name + "': use 1-64 letters, digits,"
                    + " '_', '.' or '-', starting with a letter or digit");
        }
        return name;
    }

    /**
     * Serialises writers of one collection inside this process (uploads, ingestion, deletes queue up instead of
     * failing on Lucene's write lock); another process still gets {@link CollectionLockedException}.
     */
    public java.util.concurrent.locks.ReentrantLock writeLock(String collection) {
        return writeLocks.computeIfAbsent(validName(collection), name -> new java.util.concurrent.locks.ReentrantLock());
    }

    public Path directory(String collection) {
        return root.resolve(validName(collection));
    }

    private Path indexPath(String collection) {
        return directory(collection).resolve("index");
    }

    public boolean exists(String collection) {
        return open.containsKey(collection) || LuceneChunkIndex.exists(indexPath(collection));
    }

    /** The existing collection, if any. */
    public Optional<LuceneChunkIndex> find(String collection) {
        if (!exists(collection)) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(collection,
                name -> LuceneChunkIndex.open(name, indexPath(name), null, rescoreOversample)));
    }

    /** The collection, created with {@code settings} when it does not exist yet. */
    public LuceneChunkIndex openOrCreate(String collection, IndexSettings settings) {
        return open.computeIfAbsent(validName(collection),
                name -> LuceneChunkIndex.open(name, indexPath(name), settings, rescoreOversample));
    }

    /** Deletes a collection's index entirely (for a re-index with other settings). */
    public synchronized void drop(String collection) {
        LuceneChunkIndex index = open.remove(collection);
        try {
            if (index != null) {
                index.close();
            }
            Path dir = indexPath(collection);
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete collection '" + collection + "'", e);
        }
    }

    /** Names of all collections on disk, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(dir -> LuceneChunkIndex.exists(dir.resolve("index")))
                        .map(dir -> dir.getFileName().toString()).sorted().forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list collections in " + root, e);
            }
        }
        return names;
    }

    @Override
    public void close() throws IOException {
        for (LuceneChunkIndex index : open.values()) {
            index.close();
        }
        open.clear();
    }
}
