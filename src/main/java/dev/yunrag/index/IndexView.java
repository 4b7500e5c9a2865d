package dev.yunrag.index;

import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import java.util.List;
import java.util.Optional;

/**
 * One commit of a collection, pinned until {@link #close()}: every read through it sees the same version of every
 * document, whatever is committed meanwhile (see {@link ChunkIndex}, "one consistent view per request"). Thread-safe:
 * the two hybrid branches read one view from two threads. Close it once, after the last read; reading a closed view
 * is undefined.
 */
public interface IndexView extends AutoCloseable {

    /**
     * BM25 over the chunks' text (and, weighted less, their document's title and headings), analysed with the
     * collection's analyzer.
     *
     * @param query  the user's text as typed (not a query syntax: operators and quotes are plain text); a query the
     *               analyzer reduces to no terms (only punctuation, say) finds nothing. A very long query is cut to
     *               the backend's clause limit rather than refused
     * @param k      at most this many results, {@code k >= 1}
     * @param filter restricts the documents whose chunks may be returned; {@link SearchFilter#NONE} or null for none
     * @return chunks matching at least one query term, best first (higher BM25 score first). Each carries
     *         {@link dev.yunrag.model.RankTrace#bm25Rank()} from 1 and {@link dev.yunrag.model.RankTrace#bm25Score()},
     *         the backend's BM25 score: positive, unbounded, comparable only within this list
     */
    List<ScoredChunk> searchBm25(String query, int k, SearchFilter filter);

    /**
     * Nearest neighbours of a query vector among the chunks' vectors (approximate, e.g. HNSW).
     *
     * @param vector a unit vector of the collection's {@link IndexSettings#dimension()}
     * @param k      at most this many results, {@code k >= 1}
     * @param filter as for {@link #searchBm25}; the filter applies before the top k are taken, so k results come back
     *               whenever k chunks pass it
     * @return chunks best first (higher score first), each with {@link dev.yunrag.model.RankTrace#vectorRank()} from 1
     *         and {@link dev.yunrag.model.RankTrace#vectorScore()} = {@code (1 + dot(query, chunk)) / 2} in [0, 1]
     *         (Lucene's and Solr's dot-product similarity), also for quantized vector formats once re-scored
     * @throws IllegalArgumentException the vector's length is not the collection's dimension
     */
    List<ScoredChunk> searchVector(float[] vector, int k, SearchFilter filter);

    /** The ledger: every document of this commit, sorted by {@link IndexedDocument#source()}. */
    List<IndexedDocument> documents();

    /** A document's ledger record, if it is in this commit. */
    Optional<IndexedDocument> document(String documentId);

    /** A document's chunks in this commit, in {@link Chunk#ordinal()} order; empty for an unknown document. */
    List<Chunk> chunksOf(String documentId);

    /**
     * A document's ledger record, chunks and their vectors in this commit, as stored (for copying a collection to
     * another backend without re-embedding); empty for an unknown document. Both backends implement it; the default
     * is for views that cannot read vectors back.
     */
    default Optional<StoredDocument> storedDocument(String documentId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read stored vectors");
    }

    /** Documents (ledger records) in this commit. */
    int documentCount();

    /** Chunks in this commit (equal to the sum of the ledger's {@link IndexedDocument#chunkCount()}). */
    int chunkCount();

    /** Releases the pinned commit. */
    @Override
    void close();
}
