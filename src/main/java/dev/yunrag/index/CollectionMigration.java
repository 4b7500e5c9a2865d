package dev.yunrag.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Copies one collection from one store to another (the embedded index to SolrCloud or back) without re-embedding:
 * each document's ledger record, chunks and vectors are read as stored ({@link IndexView#storedDocument}) and
 * written as they are. Backend-agnostic: it sees only {@link CollectionCatalog}, {@link ChunkIndex},
 * {@link IndexView} and {@link ChunkIndexWriter}.
 *
 * <p><b>Resumable.</b> The copy commits every {@link #commitEvery} documents; the target's ledger then says what is
 * there. A run that stopped (killed, or by its limit) is simply run again: a document whose ledger record the target
 * already holds unchanged is skipped, the rest is written by {@code upsert}, which replaces by id, so nothing is ever
 * duplicated. At the end the document and chunk counts of both sides are compared.
 */
public final class CollectionMigration {

    /** Most chunks held by the target's writer between two commits (SolrCloud's writer keeps them in memory). */
    static final int COMMIT_CHUNKS = 5_000;

    private final CollectionCatalog source;
    private final CollectionCatalog target;
    private final int commitEvery;

    /** What a run reports as it goes. */
    public interface Progress {
        Progress NONE = new Progress() { };

        /** Before the copy: the source's documents and how many of them the target already holds. */
        default void started(int documents, int alreadyCopied) {
        }

        /** After a commit on the target: documents of the source done so far (copied or already there). */
        default void committed(int done, int documents, int copiedChunks) {
        }
    }

    /**
     * What a run did and found.
     *
     * @param copied      documents written in this run
     * @param skipped     documents the target already held unchanged
     * @param pruned      documents deleted from the target because the source does not have them
     * @param complete    false when the run stopped at its limit with documents left to copy (run again)
     * @param problems    what verification found wrong (empty: counts and ledgers agree, or the run is incomplete)
     */
    public record Result(String collection, int sourceDocuments, int sourceChunks, int targetDocuments,
                         int targetChunks, int copied, int copiedChunks, int skipped, int pruned, boolean complete,
                         List<String> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        /** Complete and both sides hold the same documents and chunks. */
        public boolean verified() {
            return complete && problems.isEmpty();
        }
    }

    /** @param commitEvery documents written between two commits on the target (at least 1) */
    public CollectionMigration(CollectionCatalog source, CollectionCatalog target, int commitEvery) {
        if (commitEvery < 1) {
            throw new IllegalArgumentException("commitEvery must be at least 1, was " + commitEvery);
        }
        this.source = source;
        this.target = target;
        this.commitEvery = commitEvery;
    }

    /**
     * Copies what the target lacks of {@code collection}, creating it on the target with the source's settings.
     *
     * @param limit      copy at most this many documents in this run (0: no limit); the rest is left for a next run
     * @param prune      delete target documents the source does not have (else they are reported as a problem)
     * @throws IllegalArgumentException the source has no such collection, or the name is invalid
     * @throws IllegalStateException    the target holds the collection with another embedding model, dimension or
     *                                  analyzer; nothing is written
     * @throws CollectionLockedException another process is writing to the target collection
     */
    public Result migrate(String collection, int limit, boolean prune, Progress progress) {
        CollectionCatalog.validName(collection);
        if (limit < 0) {
            throw new IllegalArgumentException("The limit must be 0 (none) or more, was " + limit);
        }
        ChunkIndex from = source.find(collection).orElseThrow(() -> new IllegalArgumentException(
                "No collection '" + collection + "' to migrate: the source has " + source.names()));
        IndexSettings settings = from.settings();
        target.find(collection).ifPresent(existing -> refuseMismatch(collection, settings, existing.settings()));

        List<IndexedDocument> documents = from.documents();
        int copied = 0;
        int copiedChunks = 0;
        int skipped = 0;
        int pruned = 0;
        boolean complete = true;
        try (WritableCollection to = target.openForWriting(collection, settings.embeddingModel(), false,
                model -> settings)) {
            Map<String, IndexedDocument> there = new LinkedHashMap<>();
            to.index().documents().forEach(d -> there.put(d.documentId(), d));
            int alreadyCopied = (int) documents.stream().filter(d -> d.equals(there.get(d.documentId()))).count();
            progress.started(documents.size(), alreadyCopied);
            if (prune) {
                Set<String> ids = documents.stream().map(IndexedDocument::documentId).collect(Collectors.toSet());
                pruned = to.prune(d -> !ids.contains(d.documentId()));
            }
            int pending = 0;
            int pendingChunks = 0;
            int done = 0;
            for (IndexedDocument document : documents) {
                if (document.equals(there.get(document.documentId()))) {
                    skipped++;
                    done++;
                    continue;
                }
                if (limit > 0 && copied == limit) {
                    complete = false;
                    break;
                }
                Optional<StoredDocument> stored = read(from, document.documentId());
                done++;
                if (stored.isEmpty()) {
                    continue; // deleted from the source since the ledger was read; verification counts anew
                }
                StoredDocument d = stored.get();
                to.writer().upsert(d.document(), d.chunks(), d.vectors());
                copied++;
                copiedChunks += d.chunks().size();
                pending++;
                pendingChunks += d.chunks().size();
                if (pending >= commitEvery || pendingChunks >= COMMIT_CHUNKS) {
                    to.writer().commit();
                    progress.committed(done, documents.size(), copiedChunks);
                    pending = 0;
                    pendingChunks = 0;
                }
            }
            if (pending > 0 || pruned > 0) {
                to.writer().commit();
            }
            progress.committed(done, documents.size(), copiedChunks);
        }
        return verify(collection, from, copied, copiedChunks, skipped, pruned, complete);
    }

    /** A document as stored, read through a view of its own (its ledger record, chunks and vectors agree). */
    private static Optional<StoredDocument> read(ChunkIndex from, String documentId) {
        try (IndexView view = from.snapshot()) {
            return view.storedDocument(documentId);
        }
    }

    private static void refuseMismatch(String collection, IndexSettings wanted, IndexSettings found) {
        if (!wanted.embeddingModel().equals(found.embeddingModel()) || wanted.dimension() != found.dimension()
                || !wanted.analyzer().equals(found.analyzer())) {
            throw new IllegalStateException("Collection '" + collection + "' already exists on the target with "
                    + describe(found) + ", but the source has " + describe(wanted)
                    + ": its vectors and terms would not be comparable. Drop the target collection, or migrate"
                    + " into a store without it.");
        }
    }

    private static String describe(IndexSettings s) {
        return "embedding model " + s.embeddingModel() + " (dimension " + s.dimension() + ", analyzer "
                + s.analyzer() + ")";
    }

    private Result verify(String collection, ChunkIndex from, int copied, int copiedChunks, int skipped, int pruned,
                          boolean complete) {
        ChunkIndex to = target.find(collection).orElseThrow();
        int sourceDocuments;
        int sourceChunks;
        Set<String> sourceIds;
        try (IndexView view = from.snapshot()) {
            sourceDocuments = view.documentCount();
            sourceChunks = view.chunkCount();
            sourceIds = ids(view.documents());
        }
        int targetDocuments;
        int targetChunks;
        Set<String> targetIds;
        try (IndexView view = to.snapshot()) {
            targetDocuments = view.documentCount();
            targetChunks = view.chunkCount();
            targetIds = ids(view.documents());
        }
        List<String> problems = new ArrayList<>();
        if (complete) {
            if (sourceDocuments != targetDocuments) {
                problems.add("documents: source " + sourceDocuments + ", target " + targetDocuments);
            }
            if (sourceChunks != targetChunks) {
                problems.add("chunks: source " + sourceChunks + ", target " + targetChunks);
            }
            Set<String> extra = new TreeSet<>(targetIds);
            extra.removeAll(sourceIds);
            if (!extra.isEmpty()) {
                problems.add(extra.size() + " target documents the source does not have (--prune deletes them): "
                        + firstFew(extra));
            }
            Set<String> missing = new TreeSet<>(sourceIds);
            missing.removeAll(targetIds);
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " source documents missing on the target (run again): "
                        + firstFew(missing));
            }
        }
        return new Result(collection, sourceDocuments, sourceChunks, targetDocuments, targetChunks, copied,
                copiedChunks, skipped, pruned, complete, problems);
    }

    private static Set<String> ids(List<IndexedDocument> documents) {
        return documents.stream().map(IndexedDocument::documentId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String firstFew(Set<String> ids) {
        return ids.stream().limit(5).collect(Collectors.joining(", ")) + (ids.size() > 5 ? ", ..." : "");
    }
}
