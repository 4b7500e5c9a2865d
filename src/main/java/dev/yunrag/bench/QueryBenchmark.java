package dev.yunrag.bench;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.ClusteredEmbeddingModel;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.embed.VectorMath;
import dev.yunrag.index.CollectionStore;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.IndexedDocument;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.Analyzers;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.index.lucene.LuceneIndexWriter;
import dev.yunrag.model.Chunk;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.retrieve.Reranker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Hybrid retrieval latency at a given collection size, excluding query embedding (synthetic clustered vectors stand
 * in for the model, whose cost is measured separately), plus HNSW recall@10 against exact search over the same
 * vectors.
 */
public final class QueryBenchmark {

    private static final int CHUNKS_PER_DOCUMENT = 10;
    private static final int WORDS_PER_CHUNK = 120;

    /** One size's figures. */
    /**
     * @param vectorFileBytes bytes of the vector files (raw, quantized, graph) in segments that are not compound
     *                        files; the small segments packed into .cfs files are not split up, so this undercounts
     * @param knnOnly         {@code searchVector} top 50 alone, after the retrieval runs (page cache warm)
     */
    public record Result(int chunks, int dimension, String vectorFormat, double buildSeconds, long bytesOnDisk,
                         Map<String, Long> vectorFileBytes, int queries, Percentiles retrieval, Percentiles bm25,
                         Percentiles vector, Percentiles fusion, Percentiles knnOnly, double hnswRecallAt10) {
    }

    private QueryBenchmark() {
    }

    /**
     * @param reuse keep an existing collection of the same size instead of rebuilding it (the synthetic texts and
     *              vectors are regenerated from the seed either way, so recall is measured against the same data)
     */
    public static Result run(CollectionStore store, int chunks, int dimension, int queries, long seed, boolean reuse) {
        return run(store, chunks, dimension, queries, seed, reuse, IndexSettings.FLOAT32);
    }

    /** @param vectorFormat {@link IndexSettings#vectorFormat()}; float32 keeps the earlier collection names */
    public static Result run(CollectionStore store, int chunks, int dimension, int queries, long seed, boolean reuse,
                             String vectorFormat) {
        // Registered under this id in EmbedderRegistry for 512 dims, so a server can search the same collection.
        Embedder embedder = new Embedder("synthetic-" + dimension, dimension, "", new ClusteredEmbeddingModel(dimension));
        SyntheticCorpus corpus = new SyntheticCorpus(20_000, seed);
        String collection = "bench-" + chunks + "-" + dimension
                + (IndexSettings.FLOAT32.equals(vectorFormat) ? "" : "-" + vectorFormat);
        boolean rebuild = !reuse || store.find(collection).map(i -> i.stats().chunks() != chunks).orElse(true);
        if (rebuild) {
            store.drop(collection);
        }
        LuceneChunkIndex index = store.openOrCreate(collection, new IndexSettings(embedder.id(), dimension, Analyzers.CJK,
                vectorFormat));
        List<float[]> sampleVectors = new ArrayList<>();
        List<String> sampleIds = new ArrayList<>();
        CpuClock build = new CpuClock();
        try (LuceneIndexWriter writer = index.openWriter()) {
            for (int d = 0; d * CHUNKS_PER_DOCUMENT < chunks; d++) {
                String docId = "doc" + d;
                List<Chunk> docChunks = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (int c = 0; c < CHUNKS_PER_DOCUMENT && d * CHUNKS_PER_DOCUMENT + c < chunks; c++) {
                    String text = corpus.passage(WORDS_PER_CHUNK);
                    texts.add(text);
                    docChunks.add(new Chunk(docId, c, text, c * 300, c * 300 + text.length(), null, null, List.of()));
                }
                List<float[]> vectors = embedder.embedDocuments(texts);
                for (int i = 0; i < vectors.size(); i++) {
                    sampleVectors.add(vectors.get(i));
                    sampleIds.add(docId + "#" + i);
                }
                if (!rebuild) {
                    continue;
                }
                writer.upsert(new IndexedDocument(docId, "synthetic/" + docId + ".txt", "文档" + d, "text/plain",
                        "h" + d, 0, 0, 0, 0, docChunks.size(), Map.of()), docChunks, vectors);
            }
            if (rebuild) {
                writer.commit();
            }
        }
        double buildSeconds = rebuild ? build.wallSeconds() : -1; // -1: reused, not built in this run

        HybridRetriever retriever = new HybridRetriever(store, id -> embedder, new Reranker("none", null),
                TokenCounter.approximate(), new HybridRetriever.Settings(50, 60, 50, 6, 100_000));
        String[] texts = new String[queries];
        for (int q = 0; q < queries; q++) {
            texts[q] = corpus.query();
        }
        for (int q = 0; q < Math.min(50, queries); q++) { // warm-up: JIT and page cache
            retriever.retrieve(new RetrievalQuery(collection, texts[q], 6, SearchFilter.NONE));
        }
        long[] total = new long[queries];
        long[] bm25 = new long[queries];
        long[] vector = new long[queries];
        long[] fusion = new long[queries];
        for (int q = 0; q < queries; q++) {
            long start = System.nanoTime();
            RetrievalResult result = retriever.retrieve(new RetrievalQuery(collection, texts[q], 6, SearchFilter.NONE));
            total[q] = System.nanoTime() - start;
            bm25[q] = (long) (result.timings().getOrDefault("bm25", 0.0) * 1_000_000);
            vector[q] = (long) (result.timings().getOrDefault("vector", 0.0) * 1_000_000);
            fusion[q] = (long) (result.timings().getOrDefault("fusion", 0.0) * 1_000_000);
        }
        long[] knn = new long[queries];
        for (int q = 0; q < queries; q++) {
            float[] query = embedder.embedQuery(texts[q]);
            long start = System.nanoTime();
            index.searchVector(query, 50, SearchFilter.NONE);
            knn[q] = System.nanoTime() - start;
        }
        double recall = hnswRecall(index, embedder, texts, sampleVectors, sampleIds);
        long bytes = index.stats().bytesOnDisk();
        retriever.close();
        return new Result(chunks, dimension, vectorFormat, buildSeconds, bytes,
                vectorFileBytes(store.directory(collection)), queries, Percentiles.of(total), Percentiles.of(bm25),
                Percentiles.of(vector), Percentiles.of(fusion), Percentiles.of(knn), recall);
    }

    /** Bytes per vector file extension: .vec raw floats, .veq quantized, .vex HNSW graph, .vem* metadata. */
    private static Map<String, Long> vectorFileBytes(java.nio.file.Path directory) {
        Map<String, Long> bytes = new java.util.TreeMap<>();
        try (var files = java.nio.file.Files.walk(directory)) {
            files.filter(java.nio.file.Files::isRegularFile).forEach(file -> {
                String name = file.getFileName().toString();
                String extension = name.substring(name.lastIndexOf('.') + 1);
                if (extension.startsWith("ve")) {
                    bytes.merge(extension, file.toFile().length(), Long::sum);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes;
    }

    /** Share of the exact top-10 (brute-force dot product) that HNSW returns, over up to 50 queries. */
    private static double hnswRecall(LuceneChunkIndex index, Embedder embedder, String[] texts, List<float[]> vectors,
                                     List<String> ids) {
        int checked = Math.min(50, texts.length);
        double found = 0;
        for (int q = 0; q < checked; q++) {
            float[] query = embedder.embedQuery(texts[q]);
            PriorityQueue<Integer> best = new PriorityQueue<>((a, b) -> Float.compare(
                    VectorMath.dot(vectors.get(a), query), VectorMath.dot(vectors.get(b), query)));
            for (int i = 0; i < vectors.size(); i++) {
                best.add(i);
                if (best.size() > 10) {
                    best.poll();
                }
            }
            Set<String> exact = new HashSet<>();
            best.forEach(i -> exact.add(ids.get(i)));
            for (ScoredChunk hit : index.searchVector(query, 10, SearchFilter.NONE)) {
                if (exact.contains(hit.chunkId())) {
                    found++;
                }
            }
        }
        return found / (checked * 10.0);
    }
}
