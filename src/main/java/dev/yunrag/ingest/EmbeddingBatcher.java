package dev.yunrag.ingest;

import dev.yunrag.util.Futures;
import dev.yunrag.embed.Embedder;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ParsedDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Collects chunked documents and embeds their texts in full batches across document boundaries; a document is handed
 * to the sink as soon as all its chunks have vectors, in the order the documents were added.
 *
 * <p>Why: one embedding call per document sent a single small request at a time, which left a remote endpoint's
 * concurrency unused (docs/benchmarks.md, "Ingestion against the API stub"). Only full batches are sent before the
 * end, the remainder waits for the next documents: flushing at "64 or more" sent 66 texts as 16+16+16+16+2, two
 * rounds of requests for little more than one. One embedding call runs in the background while the caller chunks and
 * indexes, so a remote model is not left idle during Lucene's work.
 */
final class EmbeddingBatcher implements AutoCloseable {

    /** A chunked document waiting for its vectors. */
    record PendingDocument(String documentId, ParsedDocument parsed, String hash, boolean existed,
                           List<Chunk> chunks) {
    }

    private final Supplier<Embedder> embedder;
    private final int batchSize;
    private final BiConsumer<PendingDocument, List<float[]>> sink;
    private final ArrayDeque<PendingDocument> pending = new ArrayDeque<>();
    private final List<String> texts = new ArrayList<>(); // of the pending documents, in order
    private final List<float[]> vectors = new ArrayList<>(); // for the first vectors.size() of them
    private final ExecutorService background = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private Future<List<float[]>> inFlight;
    private int inFlightTexts;

    /** @param sink writes a document with its vectors; called on the caller's thread */
    EmbeddingBatcher(Supplier<Embedder> embedder, int batchSize, BiConsumer<PendingDocument, List<float[]>> sink) {
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.sink = sink;
    }

    /**
     * Adds a document (may be null); starts embedding what fills whole batches, or everything when {@code last}
     * (then waits for it). Returns whether documents may have been handed to the sink.
     */
    boolean add(PendingDocument doc, boolean last) {
        if (doc != null) {
            pending.add(doc);
            doc.chunks().forEach(chunk -> texts.add(EmbeddingText.of(doc.parsed().title(), chunk)));
        }
        int waiting = texts.size() - vectors.size() - inFlightTexts;
        int take = last ? waiting : waiting - waiting % batchSize;
        if (take == 0 && !last) {
            return false;
        }
        collect();
        if (take > 0) {
            // One call with all full batches: the client runs its requests concurrently.
            Embedder model = embedder.get();
            List<String> batch = List.copyOf(texts.subList(vectors.size(), vectors.size() + take));
            inFlight = background.submit(() -> model.embedDocuments(batch));
            inFlightTexts = take;
        }
        handOverReady();
        if (last) {
            collect();
            handOverReady();
        }
        return true;
    }

    private void collect() {
        if (inFlight == null) {
            return;
        }
        try {
            vectors.addAll(Futures.await(inFlight));
        } finally {
            inFlight = null;
            inFlightTexts = 0;
        }
    }

    private void handOverReady() {
        int done = 0;
        while (!pending.isEmpty() && done + pending.peek().chunks().size() <= vectors.size()) {
            PendingDocument ready = pending.poll();
            int n = ready.chunks().size();
            sink.accept(ready, vectors.subList(done, done + n));
            done += n;
        }
        texts.subList(0, done).clear();
        vectors.subList(0, done).clear();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
