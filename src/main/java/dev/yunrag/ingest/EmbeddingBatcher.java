package dev.yunrag.ingest;

import dev.yunrag.embed.Embedder;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import dev.yunrag.util.Futures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Embeds the chunks of a stream of documents in full batches across document boundaries, with several embedding calls
 * in flight, and hands each document to a sink once all its chunks have vectors (or one of its calls failed), in the
 * order the documents were added.
 *
 * <p>Why full batches: one embedding call per document sent a single small request at a time, which left a remote
 * endpoint's concurrency unused (docs/benchmarks.md, "Ingestion against the API stub"). Only full batches are sent
 * before the end; the remainder waits for the next documents (flushing at "64 or more" sent 66 texts as
 * 16+16+16+16+2, two rounds of requests for little more than one).
 *
 * <p>Why several calls in flight: with one call at a time the endpoint idled between calls (while the last request of
 * a call finished, its response was parsed and the caller indexed and chunked before sending the next). With up to
 * {@code callsInFlight} calls queued, the client always has the next requests waiting for a free slot. Memory stays
 * bounded: when that many calls are in flight, {@link #add} waits for the oldest.
 *
 * <p>A failed call fails only the documents with a chunk in it; the others go on. Not thread-safe: one caller thread
 * adds documents, and the sink is called on that thread.
 */
final class EmbeddingBatcher implements AutoCloseable {

    /** Calls in flight unless configured otherwise; measured in docs/benchmarks.md. */
    static final int DEFAULT_CALLS_IN_FLIGHT = 4;

    /**
     * A chunked document waiting for its vectors.
     *
     * @param entry   its ledger entry, written with the chunks
     * @param title   prefixed to every chunk's embedded text ({@link EmbeddingText})
     * @param existed whether it replaces an earlier version (counted as updated, not added)
     */
    record PendingDocument(IndexedDocument entry, String title, List<Chunk> chunks, boolean existed) {
    }

    /** Receives documents in the order they were added, each exactly once. */
    interface Sink {
        void embedded(PendingDocument doc, List<float[]> vectors);

        void failed(PendingDocument doc, RuntimeException cause);
    }

    /** An embedding call for the next {@code texts} texts; {@code result} fails when the call did. */
    private record Call(int texts, Future<List<float[]>> result) {
    }

    /** A finished call: its vectors, or the reason it failed. */
    private record Landed(int texts, List<float[]> vectors, RuntimeException failure) {
    }

    private final Supplier<Embedder> embedder;
    private final int batchSize;
    private final int callsInFlight;
    private final Sink sink;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ArrayDeque<PendingDocument> pending = new ArrayDeque<>(); // not yet handed to the sink
    private final List<String> unsent = new ArrayList<>(); // texts of pending documents not yet in a call
    private final ArrayDeque<Call> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Landed> landed = new ArrayDeque<>();
    private int landedOffset; // texts of landed.peek() already handed over
    private int landedTexts; // texts landed and not yet handed over

    /**
     * @param batchSize     texts per embedding call
     * @param callsInFlight calls running at once (at least 1)
     */
    EmbeddingBatcher(Supplier<Embedder> embedder, int batchSize, int callsInFlight, Sink sink) {
        if (batchSize < 1 || callsInFlight < 1) {
            throw new IllegalArgumentException("embed batch size and calls in flight must be positive");
        }
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.callsInFlight = callsInFlight;
        this.sink = sink;
    }

    /** Adds a document; sends what fills whole batches and hands over the documents whose calls have finished. */
    void add(PendingDocument doc) {
        pending.add(doc);
        doc.chunks().forEach(chunk -> unsent.add(EmbeddingText.of(doc.title(), chunk)));
        while (unsent.size() >= batchSize) {
            send(batchSize);
        }
        while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
            landOldest();
        }
        handOverReady();
    }

    /** Sends the remainder, waits for every call and hands over every document. */
    void finish() {
        if (!unsent.isEmpty()) {
            send(unsent.size());
        }
        while (!inFlight.isEmpty()) {
            landOldest();
            handOverReady();
        }
    }

    private void send(int count) {
        if (inFlight.size() >= callsInFlight) {
            landOldest();
            handOverReady();
        }
        List<String> texts = List.copyOf(unsent.subList(0, count));
        unsent.subList(0, count).clear();
        Future<List<float[]>> result;
        try {
            Embedder model = embedder.get();
            result = background.submit(() -> model.embedDocuments(texts));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e); // e.g. the collection's model cannot be loaded
        }
        inFlight.add(new Call(count, result));
    }

    private void landOldest() {
        Call call = inFlight.poll();
        Landed done;
        try {
            done = new Landed(call.texts(), Futures.await(call.result()), null);
        } catch (RuntimeException e) {
            done = new Landed(call.texts(), null, e);
        }
        landed.add(done);
        landedTexts += call.texts();
    }

    private void handOverReady() {
        while (!pending.isEmpty() && pending.peek().chunks().size() <= landedTexts) {
            PendingDocument doc = pending.poll();
            List<float[]> vectors = new ArrayList<>(doc.chunks().size());
            RuntimeException failure = null;
            for (int left = doc.chunks().size(); left > 0; ) {
                Landed head = landed.peek();
                int take = Math.min(left, head.texts() - landedOffset);
                if (head.failure() != null) {
                    failure = failure == null ? head.failure() : failure;
                } else {
                    vectors.addAll(head.vectors().subList(landedOffset, landedOffset + take));
                }
                landedOffset += take;
                landedTexts -= take;
                left -= take;
                if (landedOffset == head.texts()) {
                    landed.poll();
                    landedOffset = 0;
                }
            }
            if (failure == null) {
                sink.embedded(doc, vectors);
            } else {
                sink.failed(doc, failure);
            }
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
