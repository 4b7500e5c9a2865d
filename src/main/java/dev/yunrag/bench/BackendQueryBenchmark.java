package dev.yunrag.bench;

import dev.yunrag.embed.ClusteredEmbeddingModel;
import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.ChunkIndexWriter;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.Analyzers;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.rerank.Reranker;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link QueryBenchmark}'s workload on any backend, through the {@link CollectionCatalog} interface only: the same
 * synthetic collection (seeded texts, clustered vectors standing in for the model) written with the backend's own
 * writer, then hybrid retrieval latency, kNN latency and HNSW recall@10 against an exact scan of the vectors written.
 * So the embedded index and SolrCloud (1 or 2 shards) are measured by one harness. The load average is read before
 * and after each phase: the machine these numbers come from is shared.
 */
public final class BackendQueryBenchmark {

    /** Chunks written between two commits (SolrCloud's writer holds them in memory until then). */
    static final int COMMIT_CHUNKS = 2_000;
    private static final int RECALL_QUERIES = 50;

    /**
     * One backend's figures.
     *
     * @param layout          where it ran ("embedded", "solr 2x1" for 2 shards of 1 replica ...)
     * @param writeSeconds    writing and committing the collection (synthetic embedding included, about nothing)
     * @param bytesOnDisk     the collection's index bytes as {@code IndexStats} reports them (all replicas)
     * @param load            the 1-minute load average at the start and the end of the write and of the queries
     */
    public record Result(String layout, int chunks, int dimension, double writeSeconds, double chunksPerSecond,
                         long bytesOnDisk, int queries, Percentiles retrieval, Percentiles bm25, Percentiles vector,
                         Percentiles knnOnly, double hnswRecallAt10, Map<String, Double> load) {
    }

    private BackendQueryBenchmark() {
    }

    /**
     * @param suffix appended to the collection's name ({@code bench-CHUNKS-DIM}), one per layout on one store
     * @param reuse keep a collection of the same size written by an earlier run instead of writing it again */
    public static Result run(CollectionCatalog store, String layout, String suffix, int chunks, int dimension,
                             int queries, long seed, boolean reuse) {
        Embedder embedder = new Embedder("synthetic-" + dimension, dimension, "",
                new ClusteredEmbeddingModel(dimension));
        String collection = "bench-" + chunks + "-" + dimension + suffix;
        String[] texts = queryTexts(chunks, queries, seed);
        float[][] recallQueries = new float[Math.min(RECALL_QUERIES, queries)][];
        for (int q = 0; q < recallQueries.length; q++) {
            recallQueries[q] = embedder.embedQuery(texts[q]);
        }
        ExactTopK exact = new ExactTopK(recallQueries, 10);
        Map<String, Double> load = new java.util.LinkedHashMap<>();
        boolean rewrite = !reuse || store.find(collection).map(i -> i.stats().chunks() != chunks).orElse(true);
        if (rewrite) {
            store.drop(collection);
        }
        ChunkIndex index = store.openOrCreate(collection, new IndexSettings(embedder.id(), dimension, Analyzers.CJK));
        load.put("write start", loadAverage());
        CpuClock clock = new CpuClock();
        write(index, rewrite, embedder, new SyntheticCorpus(20_000, seed), chunks, exact);
        double writeSeconds = clock.wallSeconds();
        load.put("write end", loadAverage());

        HybridRetriever retriever = new HybridRetriever(store, id -> embedder, new Reranker("none", null),
                TokenCounter.approximate(), new HybridRetriever.Settings(50, 60, 50, 6, 100_000));
        for (int q = 0; q < Math.min(50, queries); q++) { // warm-up: JIT, caches
            retriever.retrieve(new RetrievalQuery(collection, texts[q], 6, SearchFilter.NONE));
        }
        load.put("queries start", loadAverage());
        long[] total = new long[queries];
        long[] bm25 = new long[queries];
        long[] vector = new long[queries];
        for (int q = 0; q < queries; q++) {
            long start = System.nanoTime();
            RetrievalResult result = retriever.retrieve(new RetrievalQuery(collection, texts[q], 6,
                    SearchFilter.NONE));
            total[q] = System.nanoTime() - start;
            bm25[q] = (long) (result.timings().getOrDefault("bm25", 0.0) * 1_000_000);
            vector[q] = (long) (result.timings().getOrDefault("vector", 0.0) * 1_000_000);
        }
        long[] knn = new long[queries];
        for (int q = 0; q < queries; q++) {
            float[] query = embedder.embedQuery(texts[q]);
            long start = System.nanoTime();
            index.searchVector(query, 50, SearchFilter.NONE);
            knn[q] = System.nanoTime() - start;
        }
        load.put("queries end", loadAverage());
        retriever.close();
        double recall = rewrite ? recall(index, exact) : -1; // the exact top 10 is known only when written now
        return new Result(layout, chunks, dimension, rewrite ? writeSeconds : -1, rewrite ? chunks / writeSeconds : -1,
                index.stats().bytesOnDisk(), queries, Percentiles.of(total), Percentiles.of(bm25),
                Percentiles.of(vector), Percentiles.of(knn), recall, load);
    }

    /** The queries {@link QueryBenchmark} draws after its collection: the same seeded stream, passages skipped. */
    private static String[] queryTexts(int chunks, int queries, long seed) {
        SyntheticCorpus corpus = new SyntheticCorpus(20_000, seed);
        SyntheticCollectionBuilder.skip(corpus, chunks);
        String[] texts = new String[queries];
        for (int q = 0; q < queries; q++) {
            texts[q] = corpus.query();
        }
        return texts;
    }

    /** Documents of 10 chunks as {@link SyntheticCollectionBuilder} writes them; a reused collection is not written. */
    private static void write(ChunkIndex index, boolean rewrite, Embedder embedder, SyntheticCorpus corpus,
                              int chunks, ExactTopK exact) {
        if (!rewrite) {
            return;
        }
        int perDocument = SyntheticCollectionBuilder.CHUNKS_PER_DOCUMENT;
        try (ChunkIndexWriter writer = index.openWriter()) {
            int sinceCommit = 0;
            for (int d = 0; d * perDocument < chunks; d++) {
                String docId = "doc" + d;
                List<Chunk> docChunks = new ArrayList<>(perDocument);
                List<String> texts = new ArrayList<>(perDocument);
                for (int c = 0; c < perDocument && d * perDocument + c < chunks; c++) {
                    String text = corpus.passage(SyntheticCollectionBuilder.WORDS_PER_CHUNK);
                    texts.add(text);
                    docChunks.add(new Chunk(docId, c, text, c * 300, c * 300 + text.length(), null, null,
                            List.of()));
                }
                List<float[]> vectors = embedder.embedDocuments(texts);
                for (int c = 0; c < docChunks.size(); c++) {
                    exact.offer(docChunks.get(c).chunkId(), vectors.get(c));
                }
                writer.upsert(new IndexedDocument(docId, "synthetic/" + docId + ".txt", "文档" + d, "text/plain",
                        "h" + d, 0, 0, 0, 0, docChunks.size(), Map.of()), docChunks, vectors);
                sinceCommit += docChunks.size();
                if (sinceCommit >= COMMIT_CHUNKS) {
                    writer.commit();
                    sinceCommit = 0;
                }
            }
            writer.commit();
        }
    }

    private static double recall(ChunkIndex index, ExactTopK exact) {
        double found = 0;
        float[][] queries = exact.queryVectors();
        for (int q = 0; q < queries.length; q++) {
            Set<String> expected = exact.ids(q);
            for (ScoredChunk hit : index.searchVector(queries[q], 10, SearchFilter.NONE)) {
                if (expected.contains(hit.chunkId())) {
                    found++;
                }
            }
        }
        return found / (queries.length * 10.0);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
