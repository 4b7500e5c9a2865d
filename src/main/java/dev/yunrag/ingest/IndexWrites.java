package dev.yunrag.ingest;

import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.util.Futures;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes embedded documents to the index on a few threads and reports each outcome on the caller's thread, in the
 * order the documents were handed over.
 *
 * <p>Why: with the embedding endpoint kept busy, the ingesting thread itself became the limit, and most of its time
 * was Lucene's HNSW insertion of each vector (docs/benchmarks.md, "Ingestion against the API stub"). Lucene's
 * {@code IndexWriter} takes updates from several threads (each fills its own in-memory segment), so writes run on
 * {@code lanes} threads. A document id always takes the same lane, so two versions of one document are applied in
 * order. {@link #awaitAll()} waits for every write, and the pipeline calls it before each commit: a commit therefore
 * holds exactly the documents handed over before it, each whole (one {@code updateDocuments} per document). At most
 * {@code maxPending} written-but-unreported documents are held, which bounds the vectors kept in memory.
 */
final class IndexWrites implements EmbeddingBatcher.Sink, AutoCloseable {

    /** A document's write: its outcome is null when it was written, else why it was not. */
    private record Write(EmbeddingBatcher.PendingDocument doc, Future<RuntimeException> outcome) {
    }

    private final ChunkIndexWriter writer;
    private final ExecutorService[] lanes;
    private final int maxPending;
    private final Consumer<EmbeddingBatcher.PendingDocument> onWritten;
    private final BiConsumer<EmbeddingBatcher.PendingDocument, RuntimeException> onFailed;
    private final ArrayDeque<Write> pending = new ArrayDeque<>();
    private int sinceCommit;

    /**
     * @param onWritten called on the caller's thread for each document written, in hand-over order
     * @param onFailed  likewise for each document that could not be embedded or written, with the reason
     */
    IndexWrites(ChunkIndexWriter writer, int lanes, int maxPending,
                Consumer<EmbeddingBatcher.PendingDocument> onWritten,
                BiConsumer<EmbeddingBatcher.PendingDocument, RuntimeException> onFailed) {
        this.writer = writer;
        this.lanes = new ExecutorService[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("index-write-" + i).factory());
        }
        this.maxPending = Math.max(1, maxPending);
        this.onWritten = onWritten;
        this.onFailed = onFailed;
    }

    @Override
    public void embedded(EmbeddingBatcher.PendingDocument doc, List<float[]> vectors) {
        IndexedDocument entry = doc.entry();
        ExecutorService lane = lanes[Math.floorMod(entry.documentId().hashCode(), lanes.length)];
        add(new Write(doc, lane.submit(() -> {
            try {
                writer.upsert(entry, doc.chunks(), vectors);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        })));
        sinceCommit++;
    }

    @Override
    public void failed(EmbeddingBatcher.PendingDocument doc, RuntimeException cause) {
        add(new Write(doc, CompletableFuture.completedFuture(cause)));
    }

    /** Documents handed over for writing since the last {@link #committed()}. */
    int sinceCommit() {
        return sinceCommit;
    }

    void committed() {
        sinceCommit = 0;
    }

    /** Waits for every write handed over so far and reports it. */
    void awaitAll() {
        while (!pending.isEmpty()) {
            reportOldest();
        }
    }

    private void add(Write write) {
        pending.add(write);
        while (pending.size() > maxPending || (!pending.isEmpty() && pending.peek().outcome().isDone())) {
            reportOldest();
        }
    }

    private void reportOldest() {
        Write write = pending.poll();
        RuntimeException failure = Futures.await(write.outcome());
        if (failure == null) {
            onWritten.accept(write.doc());
        } else {
            onFailed.accept(write.doc(), failure);
        }
    }

    /** Lets running writes finish: interrupting Lucene in the middle of I/O would close the index under it. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.close();
        }
    }
}
