package dev.yunrag.index;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The collections of one store (a data directory for the embedded index, a cluster for SolrCloud): the one place
 * that lists, opens, creates and drops them, and hands out the locked handle writers use. Collections are opened once
 * and shared by every caller of one process. Thread-safe.
 *
 * <p>Names are checked by {@link #validName(String)} wherever a name enters from outside; every method here checks
 * again and throws {@link IllegalArgumentException} for an invalid one.
 */
public interface CollectionCatalog extends AutoCloseable {

    /** Checks a collection name: letters, digits, '_', '.', '-', at most 64, not starting with a symbol. */
    static String validName(String name) {
        if (name == null || !Names.VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid collection name '" + name + "': use 1-64 letters, digits,"
                    + " '_', '.' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** Names of all collections, sorted. */
    List<String> names();

    /** True when the collection exists; never creates anything. */
    boolean exists(String collection);

    /** The existing collection, if any; never creates anything. */
    Optional<ChunkIndex> find(String collection);

    /**
     * The collection, created with {@code settingsIfNew} when it does not exist yet (an existing one keeps its own
     * settings). Writers should rather use {@link #openForWriting}, which also checks the embedding model.
     */
    ChunkIndex openOrCreate(String collection, IndexSettings settingsIfNew);

    /** Deletes a collection with everything in it; nothing happens when it does not exist. */
    void drop(String collection);

    /**
     * A collection being built anew with other settings (another embedding model): written through {@link #index()},
     * then either published (it becomes the collection) or abandoned (the collection stays as it was).
     */
    interface Rebuild {
        /** The index being built. */
        ChunkIndex index();

        /** Makes the rebuilt index the collection, atomically for readers. */
        void publish();

        /** Throws the rebuilt index away; the collection is left as it was (when the backend built it aside). */
        void abandon();
    }

    /**
     * Starts rebuilding the collection with {@code settings}; the caller holds {@link #writeLock}. The embedded
     * backend builds aside and swaps in on {@link Rebuild#publish()}, the old collection serving until then and left
     * untouched by an abandoned or interrupted rebuild. This default, used by backends that cannot build aside
     * (SolrCloud), drops the collection first and rebuilds it in place: it is missing or partial meanwhile.
     */
    default Rebuild rebuild(String collection, IndexSettings settings) {
        drop(collection);
        ChunkIndex index = openOrCreate(collection, settings);
        return new Rebuild() {
            @Override
            public ChunkIndex index() {
                return index;
            }

            @Override
            public void publish() {
            }

            @Override
            public void abandon() {
            }
        };
    }

    /**
     * The collection's in-process write lock (reentrant): uploads, ingestion and deletes of one collection queue up
     * on it instead of failing on the store's single-writer lock. Another process still gets
     * {@link CollectionLockedException} from {@link ChunkIndex#openWriter()}.
     */
    Lock writeLock(String collection);

    /**
     * Takes the write lock and opens the collection for writing, creating it when missing: the one place where the
     * embedding model is checked.
     *
     * @param embeddingModel the model the writer embeds with; null: the collection's own (or, for a new collection,
     *                       whatever {@code settingsForNew} picks)
     * @param rebuild        true: a collection built with another model is dropped and created anew (a re-index)
     * @param settingsForNew the settings of a collection to create, given {@code embeddingModel} (null included);
     *                       called only when one is created
     * @return the locked handle; close it to release the writer (discarding uncommitted writes) and the lock
     * @throws CollectionMismatchException the collection exists with another embedding model and {@code rebuild}
     *                                     is false; the lock is released and nothing changed
     */
    default WritableCollection openForWriting(String collection, String embeddingModel, boolean rebuild,
                                              Function<String, IndexSettings> settingsForNew) {
        return WritableCollection.open(this, validName(collection), embeddingModel, rebuild, settingsForNew);
    }

    /**
     * Takes the write lock of an existing collection (to delete from it, say); empty, with no lock held, when the
     * collection does not exist.
     */
    default Optional<WritableCollection> openExisting(String collection) {
        return WritableCollection.openExisting(this, validName(collection));
    }

    /**
     * Deletes one document (ledger record and chunks) and commits, under the write lock.
     *
     * @return false, changing nothing, when the collection or the document does not exist
     * @throws CollectionLockedException another process is writing to the collection
     */
    default boolean deleteDocument(String collection, String documentId) {
        Optional<WritableCollection> opened = openExisting(collection);
        if (opened.isEmpty()) {
            return false;
        }
        try (WritableCollection target = opened.get()) {
            if (target.index().document(documentId).isEmpty()) {
                return false;
            }
            target.writer().delete(documentId);
            target.writer().commit();
            return true;
        }
    }

    /** Closes every open collection. */
    @Override
    void close();

    /** Holder of the name pattern (interfaces cannot have private constants). */
    final class Names {
        static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

        private Names() {
        }
    }
}
