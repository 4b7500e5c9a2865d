package dev.yunrag.ingest;

import dev.yunrag.embed.Embedder;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.model.Chunk;
import dev.yunrag.util.Futures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>A failed call that held texts of several documents is retried once per document, so that one document the
 * model refuses (a text too long for the API, say) fails alone, not with the documents that happened to share its
 * call; during an outage the circuit breaker makes those retries fail fast. Not thread-safe: one caller thread adds
 * documents, and the sink is called on that thread.
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

    /** An embedding call for the next {@code texts} texts. */
    private record Call(int texts, Future<Landed> result) {
    }

    /** A finished call: per text, its vector or the reason it has none. */
    private record Landed(float[][] vectors, RuntimeException[] failures) {
        Landed(int texts) {
            this(new float[texts][], new RuntimeException[texts]);
        }

        int texts() {
            return vectors.length;
        }

        void fill(int from, List<float[]> values) {
            for (int i = 0; i < values.size(); i++) {
                vectors[from + i] = values.get(i);
            }
        }

        Landed fail(int from, int count, RuntimeException cause) {
            Arrays.fill(failures, from, from + count, cause);
            return this;
        }
    }

    private final Supplier<Embedder> embedder;
    private final int batchSize;
    private final int callsInFlight;
    private final Sink sink;
    /** A shutdown asked the run to stop: waits for calls in flight give up, nothing more is sent. */
    private final java.util.function.BooleanSupplier stopRequested;
    private boolean stopped;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ArrayDeque<PendingDocument> pending = new ArrayDeque<>(); // not yet handed to the sink
    private final List<String> unsent = new ArrayList<>(); // texts of pending documents not yet in a call
    private final List<Integer> unsentOwners = new ArrayList<>(); // for each unsent text, its document's ordinal
    private int added;
    private final ArrayDeque<Call> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Landed> landed = new ArrayDeque<>();
    private int landedOffset; // texts of landed.peek() already handed over
    private int landedTexts; // texts landed and not yet handed over

    /**
     * @param batchSize     texts per embedding call
     * @param callsInFlight calls running at once (at least 1)
     */
    EmbeddingBatcher(Supplier<Embedder> embedder, int batchSize, int callsInFlight, Sink sink) {
        this(embedder, batchSize, callsInFlight, sink, () -> false);
    }

    /** @param stopRequested polled while waiting for a call: true stops the waiting (see {@link #stopNow()}) */
    EmbeddingBatcher(Supplier<Embedder> embedder, int batchSize, int callsInFlight, Sink sink,
                     java.util.function.BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
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
        int ordinal = added++;
        for (Chunk chunk : doc.chunks()) {
            unsent.add(EmbeddingText.of(doc.title(), chunk));
            unsentOwners.add(ordinal);
        }
        while (unsent.size() >= batchSize && !stopped) {
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

    /**
     * Shutdown: hands over the documents whose calls have already finished and drops the others without waiting for
     * the calls in flight (an in-process model cannot be interrupted, and a loaded machine may need minutes for them).
     *
     * @return the documents dropped (they are not written; the next run does them)
     */
    int stopNow() {
        stopped = true;
        while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
            landOldest();
        }
        handOverReady();
        int dropped = pending.size();
        pending.clear();
        unsent.clear();
        unsentOwners.clear();
        inFlight.forEach(call -> call.result().cancel(true));
        inFlight.clear();
        return dropped;
    }

    /** Waits for the oldest call to finish; false, without waiting further, when a stop was requested. */
    private boolean awaitOldest() {
        Future<Landed> oldest = inFlight.peek().result();
        while (!oldest.isDone()) {
            if (stopRequested.getAsBoolean()) {
                stopped = true;
                return false;
            }
            try {
                oldest.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.CancellationException e) {
                // polled again above; a failed call is reported by landOldest
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
                return false;
            }
        }
        return true;
    }

    private void send(int count) {
        if (inFlight.size() >= callsInFlight) {
            if (!awaitOldest()) {
                return; // stopping: the texts stay unsent and are dropped by stopNow
            }
            landOldest();
            handOverReady();
        }
        List<String> texts = List.copyOf(unsent.subList(0, count));
        List<Integer> parts = partSizes(unsentOwners.subList(0, count));
        unsent.subList(0, count).clear();
        unsentOwners.subList(0, count).clear();
        Future<Landed> result;
        try {
            Embedder model = embedder.get();
            result = background.submit(() -> embed(model, texts, parts));
        } catch (RuntimeException e) {
            // e.g. the collection's model cannot be loaded: every document of the call fails with that reason
            result = CompletableFuture.completedFuture(new Landed(count).fail(0, count, e));
        }
        inFlight.add(new Call(count, result));
    }

    /** Runs on a background thread; never throws. */
    private static Landed embed(Embedder model, List<String> texts, List<Integer> parts) {
        Landed landed = new Landed(texts.size());
        try {
            landed.fill(0, model.embedDocuments(texts));
        } catch (RuntimeException whole) {
            if (parts.size() == 1) {
                return landed.fail(0, texts.size(), whole);
            }
            int from = 0;
            for (int size : parts) {
                try {
                    landed.fill(from, model.embedDocuments(texts.subList(from, from + size)));
                } catch (RuntimeException e) {
                    landed.fail(from, size, e);
                }
                from += size;
            }
        }
        return landed;
    }

    /** Lengths of the runs of texts that belong to the same document. */
    private static List<Integer> partSizes(List<Integer> owners) {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0, start = 0; i < owners.size(); i++) {
            if (i + 1 == owners.size() || !owners.get(i + 1).equals(owners.get(i))) {
                sizes.add(i + 1 - start);
                start = i + 1;
            }
        }
        return sizes;
    }

    private void landOldest() {
        Call call = inFlight.poll();
        landed.add(Futures.await(call.result()));
        landedTexts += call.texts();
    }

    private void handOverReady() {
        while (!pending.isEmpty() && pending.peek().chunks().size() <= landedTexts) {
            PendingDocument doc = pending.poll();
            List<float[]> vectors = new ArrayList<>(doc.chunks().size());
            RuntimeException failure = null;
            for (int left = doc.chunks().size(); left > 0; left--) {
                Landed head = landed.peek();
                if (head.failures()[landedOffset] != null) {
                    failure = failure == null ? head.failures()[landedOffset] : failure;
                } else {
                    vectors.add(head.vectors()[landedOffset]);
                }
                landedTexts--;
                if (++landedOffset == head.texts()) {
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
