package dev.yunrag.index;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * A collection opened for writing with its in-process write lock held (from {@link CollectionCatalog#openForWriting}
 * or {@link CollectionCatalog#openExisting}). The store's writer is opened on the first {@link #writer()} call, so a
 * run that writes nothing never takes the store's single-writer lock. Use from the thread that opened it; close it
 * once, in a finally block or try-with-resources.
 */
public final class WritableCollection implements AutoCloseable {

    private final Lock lock;
    private final ChunkIndex index;
    /** Set when the collection is being rebuilt with another model (aside, on the embedded backend). */
    private final CollectionCatalog.Rebuild rebuild;
    private ChunkIndexWriter writer;
    private boolean closed;
    private boolean published;

    private WritableCollection(Lock lock, ChunkIndex index) {
        this(lock, index, null);
    }

    private WritableCollection(Lock lock, ChunkIndex index, CollectionCatalog.Rebuild rebuild) {
        this.lock = lock;
        this.index = index;
        this.rebuild = rebuild;
    }

    static WritableCollection open(CollectionCatalog catalog, String collection, String embeddingModel,
                                   boolean rebuild, Function<String, IndexSettings> settingsForNew) {
        Lock lock = catalog.writeLock(collection);
        lock.lock();
        try {
            Optional<ChunkIndex> existing = catalog.find(collection);
            if (existing.isPresent()) {
                IndexSettings current = existing.get().settings();
                if (embeddingModel == null || embeddingModel.equals(current.embeddingModel())) {
                    return new WritableCollection(lock, existing.get());
                }
                if (!rebuild) {
                    throw new CollectionMismatchException(collection, current, embeddingModel);
                }
                CollectionCatalog.Rebuild aside = catalog.rebuild(collection, settingsForNew.apply(embeddingModel));
                return new WritableCollection(lock, aside.index(), aside);
            }
            return new WritableCollection(lock, catalog.openOrCreate(collection,
                    settingsForNew.apply(embeddingModel)));
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    static Optional<WritableCollection> openExisting(CollectionCatalog catalog, String collection) {
        Lock lock = catalog.writeLock(collection);
        lock.lock();
        try {
            Optional<ChunkIndex> existing = catalog.find(collection);
            if (existing.isEmpty()) {
                lock.unlock();
                return Optional.empty();
            }
            return Optional.of(new WritableCollection(lock, existing.get()));
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    /** The collection (for reads, e.g. of its ledger, and its settings). */
    public ChunkIndex index() {
        return index;
    }

    /**
     * The collection's single writer, opened on first use.
     *
     * @throws CollectionLockedException another process is writing to the collection
     */
    public ChunkIndexWriter writer() {
        if (closed) {
            throw new IllegalStateException("Collection '" + index.collection() + "' was closed for writing");
        }
        if (writer == null) {
            writer = index.openWriter();
        }
        return writer;
    }

    /**
     * Deletes every document of the committed ledger that {@code gone} picks (files removed from disk, documents a
     * re-index was not given); visible at the writer's next commit.
     *
     * @return how many documents were deleted
     */
    public int prune(Predicate<IndexedDocument> gone) {
        int deleted = 0;
        for (IndexedDocument document : index.documents()) {
            if (gone.test(document)) {
                writer().delete(document.documentId());
                deleted++;
            }
        }
        return deleted;
    }

    /** True when this is a rebuild with another embedding model, which replaces the collection on {@link #publish()}. */
    public boolean isRebuild() {
        return rebuild != null;
    }

    /**
     * Makes a rebuild the collection (after its last commit); nothing to do for an ordinary write, whose commits are
     * the collection. A rebuild closed without it is abandoned: the collection stays as it was.
     */
    public void publish() {
        if (rebuild != null && !published) {
            rebuild.publish();
        }
        published = true;
    }

    /**
     * Closes the writer, if one was opened (discarding uncommitted writes), abandons a rebuild that was not
     * published, and releases the lock.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            try {
                if (rebuild != null && !published) {
                    rebuild.abandon();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
