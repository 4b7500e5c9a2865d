package dev.yunrag.index.lucene;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
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
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The embedded backend's {@link CollectionCatalog}: the collections under the data directory, one Lucene index each
 * at {@code DATA_DIR/collections/NAME/index} (the one owner of that layout; uploads live beside it, see
 * {@code ingest.UploadStore}). Indexes are opened once and shared by the server and the commands of one process.
 */
public class LuceneCollections implements CollectionCatalog {

    private final Path root;
    private final int rescoreOversample;
    private final Map<String, LuceneChunkIndex> open = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> writeLocks = new ConcurrentHashMap<>();

    public LuceneCollections(Path dataDir) {
        this(dataDir, 1);
    }

    /** @param rescoreOversample see {@link LuceneChunkIndex#open(String, Path, IndexSettings, int)}; 1 is off */
    public LuceneCollections(Path dataDir, int rescoreOversample) {
        this.root = dataDir.toAbsolutePath().normalize().resolve("collections");
        this.rescoreOversample = rescoreOversample;
    }

    @Override
    public Lock writeLock(String collection) {
        return writeLocks.computeIfAbsent(CollectionCatalog.validName(collection), name -> new ReentrantLock());
    }

    /** The collection's directory under the data directory (its index is in {@code index} inside). */
    public Path directory(String collection) {
        return root.resolve(CollectionCatalog.validName(collection));
    }

    private Path indexPath(String collection) {
        return directory(collection).resolve("index");
    }

    @Override
    public boolean exists(String collection) {
        return open.containsKey(collection) || LuceneChunkIndex.exists(indexPath(collection));
    }

    @Override
    public Optional<ChunkIndex> find(String collection) {
        return findLucene(collection).map(ChunkIndex.class::cast);
    }

    /** {@link #find(String)} with the Lucene type, for measurements that read the index directly. */
    public Optional<LuceneChunkIndex> findLucene(String collection) {
        if (!exists(collection)) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(collection,
                name -> LuceneChunkIndex.open(name, indexPath(name), null, rescoreOversample)));
    }

    @Override
    public LuceneChunkIndex openOrCreate(String collection, IndexSettings settingsIfNew) {
        return open.computeIfAbsent(CollectionCatalog.validName(collection),
                name -> LuceneChunkIndex.open(name, indexPath(name), settingsIfNew, rescoreOversample));
    }

    @Override
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

    @Override
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
    public void close() {
        try {
            for (LuceneChunkIndex index : open.values()) {
                index.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the collections under " + root, e);
        } finally {
            open.clear();
        }
    }
}
