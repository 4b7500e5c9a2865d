package dev.yunrag.bench;

import dev.yunrag.embed.Embedder;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.index.lucene.LuceneIndexWriter;
import dev.yunrag.index.lucene.WriterTuning;
import dev.yunrag.model.Chunk;
import dev.yunrag.util.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes the synthetic collection of {@link QueryBenchmark}: documents of {@value #CHUNKS_PER_DOCUMENT} chunks of
 * {@value #WORDS_PER_CHUNK} words. Texts come from one seeded random stream, in order, on the calling thread (so the
 * collection and the queries drawn after it are the same whatever the thread count); embedding and indexing, where
 * the time goes (HNSW insertion), run on {@code threads} writer threads, each filling its own Lucene segment.
 */
final class SyntheticCollectionBuilder {

    static final int CHUNKS_PER_DOCUMENT = 10;
    static final int WORDS_PER_CHUNK = 120;

    private SyntheticCollectionBuilder() {
    }

    /** Draws the collection's texts without indexing them: positions {@code corpus} where a build leaves it. */
    static void skip(SyntheticCorpus corpus, int chunks) {
        for (int c = 0; c < chunks; c++) {
            corpus.passage(WORDS_PER_CHUNK);
        }
    }

    /** Builds and commits the collection into {@code index}, which should be empty. */
    static void build(LuceneChunkIndex index, Embedder embedder, SyntheticCorpus corpus, int chunks, int threads,
                      WriterTuning tuning) {
        // A short queue: the texts waiting for a writer thread stay few, and the caller runs a task when it is full.
        ThreadPoolExecutor writers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * threads), new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<?>> pending = new ArrayList<>();
        try (LuceneIndexWriter writer = index.openWriter(tuning)) {
            for (int d = 0; d * CHUNKS_PER_DOCUMENT < chunks; d++) {
                int document = d;
                List<String> texts = new ArrayList<>(CHUNKS_PER_DOCUMENT);
                for (int c = 0; c < CHUNKS_PER_DOCUMENT && d * CHUNKS_PER_DOCUMENT + c < chunks; c++) {
                    texts.add(corpus.passage(WORDS_PER_CHUNK));
                }
                pending.add(writers.submit(() -> write(writer, embedder, document, texts)));
                if (pending.size() >= 1024) { // surface a failure early and keep the list short
                    pending.removeIf(f -> f.isDone() && Futures.await(f) == null);
                }
            }
            pending.forEach(Futures::await);
            writer.commit();
        } finally {
            writers.shutdownNow();
        }
    }

    private static void write(LuceneIndexWriter writer, Embedder embedder, int d, List<String> texts) {
        String docId = "doc" + d;
        List<Chunk> chunks = new ArrayList<>(texts.size());
        for (int c = 0; c < texts.size(); c++) {
            String text = texts.get(c);
            chunks.add(new Chunk(docId, c, text, c * 300, c * 300 + text.length(), null, null, List.of()));
        }
        writer.upsert(new IndexedDocument(docId, "synthetic/" + docId + ".txt", "文档" + d, "text/plain", "h" + d,
                0, 0, 0, 0, chunks.size(), Map.of()), chunks, embedder.embedDocuments(texts));
    }
}
