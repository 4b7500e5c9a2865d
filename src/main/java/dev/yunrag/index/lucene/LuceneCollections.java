package dev.yunrag.index.lucene;

import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.jboss.logging.Logger;

/**
 * The embedded backend's {@link CollectionCatalog}: the collections under the data directory, one Lucene index each
 * under {@code DATA_DIR/collections/NAME/} (the one owner of that layout; uploads live beside it, see
 * {@code ingest.UploadStore}). Which index directory is in force is named by the collection's {@link IndexPointer}, so
 * that a re-index with another model ({@link #rebuild}) and a restore are built aside and swapped in atomically; every
 * lookup follows the pointer, also when another process moved it. Indexes are opened once and shared by the server
 * and the commands of one process.
 */
public class LuceneCollections implements CollectionCatalog {

    private static final Logger LOG = Logger.getLogger(LuceneCollections.class);
    /**
     * How long a replaced index stays open after a swap before it closes (then as soon as its last view is closed): a
     * request that looked the collection up just before the swap still takes its view of the old index.
     */
    static final long RETIRE_GRACE_MILLIS = 3_000;

    private final Path root;
    private final int rescoreOversample;
    private final Map<String, LuceneChunkIndex> open = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> writeLocks = new ConcurrentHashMap<>();
    /** Index directories this process is building aside: never swept as abandoned. */
    private final Set<Path> building = ConcurrentHashMap.newKeySet();

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

    /** The collection's directory under the data directory (its index directories are inside). */
    public Path directory(String collection) {
        return root.resolve(CollectionCatalog.validName(collection));
    }

    /** The index directory in force for the collection (which may not exist). */
    public Path indexPath(String collection) {
        return IndexPointer.current(directory(collection));
    }

    @Override
    public boolean exists(String collection) {
        return LuceneChunkIndex.exists(indexPath(collection)) || open.containsKey(collection);
    }

    @Override
    public Optional<ChunkIndex> find(String collection) {
        return findLucene(collection).map(ChunkIndex.class::cast);
    }

    /** {@link #find(String)} with the Lucene type, for measurements that read the index directly. */
    public Optional<LuceneChunkIndex> findLucene(String collection) {
        Path current = indexPath(collection);
        LuceneChunkIndex index = open.get(collection);
        if (index != null && index.path().equals(current)) {
            return Optional.of(index);
        }
        if (!LuceneChunkIndex.exists(current)) {
            return Optional.ofNullable(index);
        }
        return Optional.of(follow(collection, current));
    }

    /** Opens the index the pointer names, retiring the one open before (another process swapped them). */
    private synchronized LuceneChunkIndex follow(String collection, Path current) {
        LuceneChunkIndex index = open.get(collection);
        if (index != null && index.path().equals(current)) {
            return index;
        }
        LuceneChunkIndex fresh = LuceneChunkIndex.open(collection, current, null, rescoreOversample);
        open.put(collection, fresh);
        if (index != null) {
            LOG.infof("Collection '%s' now reads %s (swapped in by another process)", collection,
                    current.getFileName());
            Path oldPath = index.path();
            retireLater(index, () -> {
                if (!indexPath(collection).equals(oldPath)) {
                    IndexPointer.deleteTree(oldPath);
                }
            });
        }
        return fresh;
    }

    @Override
    public LuceneChunkIndex openOrCreate(String collection, IndexSettings settingsIfNew) {
        Optional<LuceneChunkIndex> existing = findLucene(collection);
        if (existing.isPresent()) {
            return existing.get();
        }
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
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete collection '" + collection + "'", e);
        }
        Path dir = directory(collection);
        IndexPointer.deleteTree(IndexPointer.current(dir));
        for (Path other : IndexPointer.others(dir)) {
            if (!building.contains(other)) {
                IndexPointer.deleteTree(other);
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(IndexPointer.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete collection '" + collection + "'", e);
        }
    }

    /**
     * Builds the collection anew beside the index that keeps serving, and swaps it in on
     * {@link Rebuild#publish()}. While it runs, no other process can write the old index (its writer lock is held),
     * and this process's writers queue on {@link #writeLock}, which the caller holds.
     */
    @Override
    public Rebuild rebuild(String collection, IndexSettings settings) {
        Path dir = directory(collection);
        LuceneChunkIndex old = findLucene(collection).orElse(null);
        org.apache.lucene.store.Lock oldWriters = old == null ? null : old.lockWriters();
        Path side = IndexPointer.newSide(dir);
        building.add(side);
        try {
            sweepAbandoned(collection);
            LuceneChunkIndex fresh = LuceneChunkIndex.open(collection, side, settings, rescoreOversample);
            return new AsideRebuild(collection, old, fresh, oldWriters);
        } catch (RuntimeException e) {
            building.remove(side);
            IndexPointer.deleteTree(side);
            closeQuietly(oldWriters);
            throw e;
        }
    }

    /** A rebuild in {@code fresh}'s directory; {@code old} (may be null) serves until it is published. */
    private final class AsideRebuild implements Rebuild {
        private final String collection;
        private final LuceneChunkIndex old;
        private final LuceneChunkIndex fresh;
        private final org.apache.lucene.store.Lock oldWriters;
        private boolean done;

        AsideRebuild(String collection, LuceneChunkIndex old, LuceneChunkIndex fresh,
                     org.apache.lucene.store.Lock oldWriters) {
            this.collection = collection;
            this.old = old;
            this.fresh = fresh;
            this.oldWriters = oldWriters;
        }

        @Override
        public ChunkIndex index() {
            return fresh;
        }

        @Override
        public void publish() {
            if (done) {
                return;
            }
            done = true;
            swapIn(collection, fresh, old, oldWriters);
        }

        @Override
        public void abandon() {
            if (done) {
                return;
            }
            done = true;
            try {
                fresh.close();
            } catch (IOException e) {
                LOG.warnf("Closing the abandoned index %s failed: %s", fresh.path(), e.getMessage());
            } finally {
                building.remove(fresh.path());
                IndexPointer.deleteTree(fresh.path());
                closeQuietly(oldWriters);
            }
        }
    }

    /**
     * Points the collection at {@code fresh} (already committed): new lookups get it at once; {@code old} closes when
     * the views still reading it are done, and its directory is then deleted.
     */
    private synchronized void swapIn(String collection, LuceneChunkIndex fresh, LuceneChunkIndex old,
                                     org.apache.lucene.store.Lock oldWriters) {
        try {
            IndexPointer.point(directory(collection), fresh.path());
            open.put(collection, fresh);
            building.remove(fresh.path());
        } finally {
            closeQuietly(oldWriters);
        }
        if (old != null && !old.path().equals(fresh.path())) {
            Path oldPath = old.path();
            retireLater(old, () -> IndexPointer.deleteTree(oldPath));
        }
    }

    /**
     * Makes a finished index directory (a restored backup, say, copied to {@link #newIndexDirectory}) the
     * collection's index, swapping it in like a rebuild. The caller holds the collection's write lock.
     */
    public void swapIn(String collection, Path indexDir) {
        LuceneChunkIndex old = findLucene(collection).orElse(null);
        org.apache.lucene.store.Lock oldWriters = old == null ? null : old.lockWriters();
        LuceneChunkIndex fresh;
        try {
            fresh = LuceneChunkIndex.open(collection, indexDir, null, rescoreOversample);
        } catch (RuntimeException e) {
            closeQuietly(oldWriters);
            throw e;
        }
        swapIn(collection, fresh, old, oldWriters);
    }

    /** A new index directory for the collection, beside the one in force (created, empty). */
    public Path newIndexDirectory(String collection) {
        Path side = IndexPointer.newSide(directory(collection));
        try {
            Files.createDirectories(side);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + side, e);
        }
        building.add(side);
        return side;
    }

    /** Forgets a directory from {@link #newIndexDirectory} that was not swapped in, deleting it. */
    public void discard(Path indexDir) {
        building.remove(indexDir);
        IndexPointer.deleteTree(indexDir);
    }

    private void retireLater(LuceneChunkIndex old, Runnable afterClose) {
        CompletableFuture.runAsync(() -> old.retire(afterClose),
                CompletableFuture.delayedExecutor(RETIRE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
    }

    /**
     * Deletes the collection's index directories that are not in force and that no writer holds: re-indexes or
     * restores interrupted by a crash, and replaced indexes another process could not delete. Returns them.
     */
    public List<Path> sweepAbandoned(String collection) {
        List<Path> removed = new ArrayList<>();
        for (Path other : IndexPointer.others(directory(collection))) {
            if (building.contains(other) || heldByAWriter(other)) {
                continue;
            }
            IndexPointer.deleteTree(other);
            LOG.infof("Removed %s: an index directory of collection '%s' not in force (an interrupted re-index or"
                    + " restore, or a replaced index)", other, collection);
            removed.add(other);
        }
        return removed;
    }

    /** {@link #sweepAbandoned(String)} for every collection directory. */
    public List<Path> sweepAbandoned() {
        List<Path> removed = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    String name = dir.getFileName().toString();
                    if (isValidName(name)) {
                        removed.addAll(sweepAbandoned(name));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list collections in " + root, e);
            }
        }
        return removed;
    }

    private static boolean isValidName(String name) {
        try {
            CollectionCatalog.validName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean heldByAWriter(Path indexDir) {
        try (Directory directory = FSDirectory.open(indexDir);
             org.apache.lucene.store.Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            return false;
        } catch (LockObtainFailedException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(org.apache.lucene.store.Lock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warnf("Releasing a writer lock failed: %s", e.getMessage());
            }
        }
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(dir -> LuceneChunkIndex.exists(IndexPointer.current(dir)))
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
