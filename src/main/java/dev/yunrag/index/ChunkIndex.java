package dev.yunrag.index;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import java.util.Optional;

/**
 * One collection's searchable store: chunk text for BM25, one vector per chunk for kNN, and the ledger (one
 * {@link IndexedDocument} record per document). Obtained from a {@link CollectionCatalog}; the catalog owns opening,
 * creating and dropping it. This interface is the seam between the rest of YunRAG and a storage backend (the embedded
 * Lucene index today, SolrCloud next); it names no backend types, and {@code ChunkIndexContract} (src/test) is the
 * suite every implementation must pass.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li><b>Atomic replace of a document.</b> {@link ChunkIndexWriter#upsert} replaces a document's ledger record and
 *       all of its chunks as one unit, and {@link ChunkIndexWriter#delete} removes them as one unit. A reader sees a
 *       document's old version or its new one (or none), never chunks of both, nor chunks without their ledger record,
 *       nor a ledger record without its chunks.</li>
 *   <li><b>Visibility at commit.</b> Writes become visible to readers (in this process and in others) only at
 *       {@link ChunkIndexWriter#commit()}, all of them at once; a commit is durable (a crash afterwards keeps it) and
 *       a crash before it loses only the uncommitted writes. Closing a writer without committing discards them.</li>
 *   <li><b>One consistent view per request.</b> {@link #snapshot()} pins the last commit: every read through the
 *       returned {@link IndexView} (BM25, kNN, ledger, chunks, counts) sees that same commit, even when a writer
 *       commits while the view is open. A request that reads more than once (the two hybrid branches; a ledger entry
 *       and then its chunks) must read through one view. The single-read methods below each take a view of their own,
 *       so two of them may straddle a commit.</li>
 *   <li><b>A single writer.</b> At most one {@link ChunkIndexWriter} is open per collection across every process
 *       sharing the store; {@link #openWriter()} throws {@link CollectionLockedException} while another is open.
 *       Writers inside one process queue up on {@link CollectionCatalog#writeLock(String)} first, so normally only
 *       another process (or another server on the same data) meets that exception.</li>
 *   <li><b>Searches</b> return at most {@code k} chunks of the committed view that pass the {@link SearchFilter},
 *       best first, each with the source, title and content type of its document and a
 *       {@link dev.yunrag.model.RankTrace} holding its rank (from 1) and score in that branch. See
 *       {@link IndexView#searchBm25} and {@link IndexView#searchVector} for what the scores mean.</li>
 *   <li><b>Errors.</b> An argument the collection cannot take (a vector of the wrong dimension; as many vectors as
 *       chunks not given) throws {@link IllegalArgumentException} and writes nothing; the store failing (disk, network)
 *       throws {@link java.io.UncheckedIOException} (or a backend's unchecked exception naming the collection);
 *       another writer throws {@link CollectionLockedException}.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: views, single reads and a writer may be used from many threads at once.
 */
public interface ChunkIndex {

    /** The collection's name (see {@link CollectionCatalog#validName(String)}). */
    String collection();

    /** What the collection was created with (embedding model, dimension, analyzer, vector format, reranker). */
    IndexSettings settings();

    /**
     * Pins the last commit for reads that must agree with each other; close the view after the last read. Cheap
     * enough to take once per request.
     */
    IndexView snapshot();

    /**
     * Opens the collection's single writer. Callers in one process hold {@link CollectionCatalog#writeLock(String)}
     * (or use {@link CollectionCatalog#openForWriting}), so that they queue instead of failing.
     *
     * @throws CollectionLockedException another writer (usually another process) has the collection open
     */
    ChunkIndexWriter openWriter();

    /** Counts of the last commit and the bytes the collection takes in its store (0 when the backend cannot tell). */
    IndexStats stats();

    /** BM25 in a view of its own; see {@link IndexView#searchBm25}. */
    default List<ScoredChunk> searchBm25(String query, int k, SearchFilter filter) {
        try (IndexView view = snapshot()) {
            return view.searchBm25(query, k, filter);
        }
    }

    /** kNN in a view of its own; see {@link IndexView#searchVector}. */
    default List<ScoredChunk> searchVector(float[] vector, int k, SearchFilter filter) {
        try (IndexView view = snapshot()) {
            return view.searchVector(vector, k, filter);
        }
    }

    /** The ledger in a view of its own; see {@link IndexView#documents()}. */
    default List<IndexedDocument> documents() {
        try (IndexView view = snapshot()) {
            return view.documents();
        }
    }

    /** One ledger record in a view of its own. */
    default Optional<IndexedDocument> document(String documentId) {
        try (IndexView view = snapshot()) {
            return view.document(documentId);
        }
    }

    /** A document's chunks in a view of its own; see {@link IndexView#chunksOf(String)}. */
    default List<Chunk> chunksOf(String documentId) {
        try (IndexView view = snapshot()) {
            return view.chunksOf(documentId);
        }
    }
}
