package dev.yunrag.index.lucene;

import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;

/**
 * The embedded {@link ChunkIndexWriter}: the writer of one collection, open for the length of an ingestion. A document and its chunks are replaced in one
 * {@code updateDocuments} call, so a reader sees the old version or the new one, never a mix; nothing is visible to
 * other processes before {@link #commit()}, and a commit is atomic and durable (a crash rolls back to the last one).
 */
public class LuceneIndexWriter implements ChunkIndexWriter {

    private final IndexWriter writer;
    private final IndexSettings settings;
    private final Runnable afterCommit;
    private final ExecutorService mergeExecutor;

    /** @param mergeExecutor the HNSW merge threads of this writer's codec, shut down with it; or null */
    LuceneIndexWriter(IndexWriter writer, IndexSettings settings, Runnable afterCommit, ExecutorService mergeExecutor) {
        this.writer = writer;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.mergeExecutor = mergeExecutor;
    }

    /** Adds or replaces a document with its chunks and their vectors (same order); safe from several threads. */
    @Override
    public void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        List<Document> block = new ArrayList<>(chunks.size() + 1);
        block.add(ChunkFields.ledgerRecord(document));
        for (int i = 0; i < chunks.size(); i++) {
            if (vectors.get(i).length != settings.dimension()) {
                throw new IllegalArgumentException("Vector of " + vectors.get(i).length + " dims for a collection of "
                        + settings.dimension());
            }
            block.add(ChunkFields.chunkRecord(document, chunks.get(i), vectors.get(i)));
        }
        try {
            writer.updateDocuments(new Term(ChunkFields.DOC_ID, document.documentId()), block);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index " + document.source(), e);
        }
    }

    @Override
    public void delete(String documentId) {
        try {
            writer.deleteDocuments(new Term(ChunkFields.DOC_ID, documentId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every document (for a full re-index); visible at the next commit. */
    @Override
    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Durably publishes everything written so far. */
    @Override
    public void commit() {
        try {
            writer.setLiveCommitData(settings.toCommitData().entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Commit failed", e);
        }
        afterCommit.run();
    }

    /** Closes without committing: uncommitted changes are discarded. */
    @Override
    public void close() {
        try {
            writer.rollback();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (mergeExecutor != null) {
                mergeExecutor.shutdownNow();
            }
        }
    }
}
