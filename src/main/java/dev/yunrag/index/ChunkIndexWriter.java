package dev.yunrag.index;

import dev.yunrag.model.Chunk;
import java.util.List;

/**
 * The single writer of one collection (see {@link ChunkIndex#openWriter()}). Writes are invisible to every reader
 * until {@link #commit()}; closing without a commit discards them. {@link #upsert} and {@link #delete} may be called
 * from several threads at once; two writes of the same document id must not race (the last one handed over wins only
 * if the caller orders them, as {@code ingest.IndexWrites} does with one lane per id).
 */
public interface ChunkIndexWriter extends AutoCloseable {

    /**
     * Adds a document, or replaces every chunk and the ledger record of the document with the same
     * {@link IndexedDocument#documentId()}, as one unit: no reader ever sees a mix of the old and new chunks.
     *
     * @param chunks  the document's chunks (may be empty: a document without text keeps its ledger record)
     * @param vectors one unit vector per chunk, same order, each of the collection's dimension
     * @throws IllegalArgumentException sizes or dimensions do not match; nothing of the document is written
     */
    void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors);

    /** Removes a document's ledger record and chunks as one unit; nothing happens for an unknown id. */
    void delete(String documentId);

    /** Removes every document (a full rebuild); visible at the next commit. */
    void deleteAll();

    /**
     * Durably publishes everything written so far, atomically: readers that take a view afterwards (in any process)
     * see all of it, earlier views none of it.
     */
    void commit();

    /** Releases the writer; writes not committed are discarded. */
    @Override
    void close();
}
