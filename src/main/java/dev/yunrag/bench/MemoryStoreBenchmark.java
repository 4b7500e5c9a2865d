package dev.yunrag.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.yunrag.embed.ClusteredEmbeddingModel;
import dev.yunrag.embed.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j's {@link InMemoryEmbeddingStore} (an exact linear scan with cosine similarity, all on the heap) at the
 * sizes and with the same synthetic texts, vectors and queries as {@link QueryBenchmark}, for comparison with
 * Lucene's HNSW. Recall is 1.0 by construction (every vector is scored); what it costs is measured here.
 */
public final class MemoryStoreBenchmark {

    // As QueryBenchmark's collections, so that the random streams match.
    private static final int CHUNKS_PER_DOCUMENT = SyntheticCollectionBuilder.CHUNKS_PER_DOCUMENT;
    private static final int WORDS_PER_CHUNK = SyntheticCollectionBuilder.WORDS_PER_CHUNK;

    /**
     * @param heapBytesAdded heap used after adding minus before, both after a full GC: vectors, texts and the
     *                       store's own objects
     */
    public record Result(int chunks, int dimension, int k, double buildSeconds, long heapBytesAdded,
                         double heapBytesPerChunk, int queries, Percentiles search) {
    }

    private MemoryStoreBenchmark() {
    }

    public static Result run(int chunks, int dimension, int queries, int k, long seed) {
        Embedder embedder = new Embedder("synthetic-" + dimension, dimension, "", new ClusteredEmbeddingModel(dimension));
        SyntheticCorpus corpus = new SyntheticCorpus(20_000, seed);
        long before = HeapUsage.usedAfterGc();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        CpuClock build = new CpuClock();
        for (int d = 0; d * CHUNKS_PER_DOCUMENT < chunks; d++) {
            List<String> texts = new ArrayList<>();
            for (int c = 0; c < CHUNKS_PER_DOCUMENT && d * CHUNKS_PER_DOCUMENT + c < chunks; c++) {
                texts.add(corpus.passage(WORDS_PER_CHUNK));
            }
            List<float[]> vectors = embedder.embedDocuments(texts);
            List<Embedding> embeddings = vectors.stream().map(Embedding::from).toList();
            List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
            store.addAll(embeddings, segments);
        }
        double buildSeconds = build.wallSeconds();
        long added = HeapUsage.usedAfterGc() - before;

        String[] texts = new String[queries];
        for (int q = 0; q < queries; q++) {
            texts[q] = corpus.query();
        }
        for (int q = 0; q < Math.min(20, queries); q++) { // warm-up
            search(store, embedder.embedQuery(texts[q]), k);
        }
        long[] nanos = new long[queries];
        for (int q = 0; q < queries; q++) {
            Embedding query = Embedding.from(embedder.embedQuery(texts[q]));
            long start = System.nanoTime();
            store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(k).build());
            nanos[q] = System.nanoTime() - start;
        }
        Result result = new Result(chunks, dimension, k, buildSeconds, added, added / (double) chunks, queries,
                Percentiles.of(nanos));
        store.removeAll();
        return result;
    }

    private static void search(InMemoryEmbeddingStore<TextSegment> store, float[] query, int k) {
        store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(query)).maxResults(k).build());
    }
}
