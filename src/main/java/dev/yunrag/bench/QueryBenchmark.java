package dev.yunrag.bench;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.ClusteredEmbeddingModel;
import dev.yunrag.embed.TokenCounter;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexSettings;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.index.lucene.Analyzers;
import dev.yunrag.index.lucene.IndexFiles;
import dev.yunrag.index.lucene.LuceneChunkIndex;
import dev.yunrag.index.lucene.LuceneCollections;
import dev.yunrag.index.lucene.WriterTuning;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.retrieve.HybridRetriever;
import dev.yunrag.retrieve.RankingPolicy;
import dev.yunrag.retrieve.RetrievalQuery;
import dev.yunrag.retrieve.RetrievalResult;
import dev.yunrag.rerank.Reranker;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Hybrid retrieval latency at a given collection size, excluding query embedding (synthetic clustered vectors stand
 * in for the model, whose cost is measured separately), plus HNSW recall@10 against exact search over the same
 * vectors.
 */
public final class QueryBenchmark {

    /**
     * How the collection is written when it is (re)built: the same documents and vectors whatever the settings;
     * only how they are split into segments (and how long the build takes) changes.
     */
    public record Build(int threads, WriterTuning tuning) {
        /** One writer thread, the ingestion writer's settings: how the 10k/100k collections were first built. */
        public static final Build SEQUENTIAL = new Build(1, WriterTuning.DEFAULT);
    }

    /**
     * One size's figures.
     *
     * @param vectorFileBytes  bytes of the vector files (raw, quantized, graph) of all segments, compound files
     *                         included
     * @param segments         Lucene segments searched (one HNSW graph each)
     * @param heapBytesBaseline heap after GC before the collection was opened; {@code heapBytesOpen} after the
     *                         measured searches, the collection still open (the difference is its on-heap cost)
     * @param knnOnly          {@code searchVector} top 50 alone, after the retrieval runs (page cache warm)
     * @param cpuMsPerRetrieval process CPU time over the measured retrievals, per retrieval (JIT and GC threads
     *                         included): unlike the wall-clock figures, it hardly depends on how busy the machine is
     * @param distinctHits     mean number of distinct chunks among a query's BM25 and kNN hits (what the index
     *                         reads from its stored fields once each; the two lists hold up to 100 together)
     * @param rankingDigest    SHA-256 (hex) of every measured query's fused top 10 and selected chunk ids, in order:
     *                         two builds rank the collection identically exactly when their digests are equal
     */
    public record Result(int chunks, int dimension, String vectorFormat, int rescoreOversample, double buildSeconds, int buildThreads,
                         int ramBufferMb, int mergeWorkers, int segments, long bytesOnDisk,
                         Map<String, Long> vectorFileBytes, long heapBytesBaseline, long heapBytesOpen, int queries,
                         Percentiles retrieval, Percentiles bm25, Percentiles vector, Percentiles fusion,
                         Percentiles knnOnly, double hnswRecallAt10, double cpuMsPerRetrieval,
                         double distinctHits, String rankingDigest) {
    }

    /** Builds the retriever under test over a catalogue and embedders; the CLI passes {@code app.Pipelines}'. */
    @FunctionalInterface
    public interface Retrievers {
        HybridRetriever create(CollectionCatalog collections, Function<String, Embedder> embedders,
                               RankingPolicy ranking, Function<String, TokenCounter> tokensByModel,
                               HybridRetriever.Settings settings);
    }

    /** What the benchmark measures: retrieval without reranking, 50 candidates per branch, the top 6 selected. */
    static final HybridRetriever.Settings SETTINGS = new HybridRetriever.Settings(50, 60, 50, 6, 100_000);

    private QueryBenchmark() {
    }

    /**
     * @param reuse keep an existing collection of the same size instead of rebuilding it (the synthetic texts are
     *              regenerated from the seed either way, so the queries are the same)
     */
    public static Result run(LuceneCollections store, int chunks, int dimension, int queries, long seed, boolean reuse) {
        return run(store, chunks, dimension, queries, seed, reuse, IndexSettings.FLOAT32, Build.SEQUENTIAL);
    }

    /** @param vectorFormat {@link IndexSettings#vectorFormat()}; float32 keeps the earlier collection names */
    public static Result run(LuceneCollections store, int chunks, int dimension, int queries, long seed, boolean reuse,
                             String vectorFormat, Build build) {
        return run(store, chunks, dimension, queries, seed, reuse, vectorFormat, build, HybridRetriever::new);
    }

    /** @param retrievers how the application builds its retriever ({@code Pipelines::retriever} from the CLI) */
    public static Result run(LuceneCollections store, int chunks, int dimension, int queries, long seed, boolean reuse,
                             String vectorFormat, Build build, Retrievers retrievers) {
        // Registered under this id in EmbedderRegistry for 512 dims, so a server can search the same collection.
        Embedder embedder = new Embedder("synthetic-" + dimension, dimension, "", new ClusteredEmbeddingModel(dimension));
        SyntheticCorpus corpus = new SyntheticCorpus(20_000, seed);
        String collection = "bench-" + chunks + "-" + dimension
                + (IndexSettings.FLOAT32.equals(vectorFormat) ? "" : "-" + vectorFormat);
        long heapBaseline = HeapUsage.usedAfterGc();
        boolean rebuild = !reuse || store.find(collection).map(i -> i.stats().chunks() != chunks).orElse(true);
        if (rebuild) {
            store.drop(collection);
        }
        LuceneChunkIndex index = store.openOrCreate(collection, new IndexSettings(embedder.id(), dimension, Analyzers.CJK,
                vectorFormat));
        CpuClock clock = new CpuClock();
        if (rebuild) {
            SyntheticCollectionBuilder.build(index, embedder, corpus, chunks, build.threads(), build.tuning());
        } else {
            SyntheticCollectionBuilder.skip(corpus, chunks);
        }
        double buildSeconds = rebuild ? clock.wallSeconds() : -1; // -1: reused, not built in this run

        HybridRetriever retriever = retrievers.create(store, id -> embedder,
                RankingPolicy.fixed(new Reranker("none", null)), model -> TokenCounter.approximate(), SETTINGS);
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
        RankingDigest digest = new RankingDigest();
        long distinct = 0;
        long cpuStart = CpuClock.processCpuNanos();
        for (int q = 0; q < queries; q++) {
            long start = System.nanoTime();
            RetrievalResult result = retriever.retrieve(new RetrievalQuery(collection, texts[q], 6, SearchFilter.NONE));
            total[q] = System.nanoTime() - start;
            bm25[q] = (long) (result.timings().getOrDefault("bm25", 0.0) * 1_000_000);
            vector[q] = (long) (result.timings().getOrDefault("vector", 0.0) * 1_000_000);
            fusion[q] = (long) (result.timings().getOrDefault("fusion", 0.0) * 1_000_000);
            digest.add(result);
            distinct += distinctHits(result);
        }
        double cpuMsPerRetrieval = (CpuClock.processCpuNanos() - cpuStart) / 1e6 / queries;
        long[] knn = new long[queries];
        for (int q = 0; q < queries; q++) {
            float[] query = embedder.embedQuery(texts[q]);
            long start = System.nanoTime();
            index.searchVector(query, 50, SearchFilter.NONE);
            knn[q] = System.nanoTime() - start;
        }
        double recall = hnswRecall(index, embedder, texts);
        long heapOpen = HeapUsage.usedAfterGc();
        long bytes = index.stats().bytesOnDisk();
        retriever.close();
        return new Result(chunks, dimension, vectorFormat, index.rescoreOversample(), buildSeconds,
                build.threads(), build.tuning().ramBufferMb(), build.tuning().mergeWorkers(), index.segmentCount(),
                bytes, vectorFileBytes(store.directory(collection).resolve("index")), heapBaseline, heapOpen,
                queries, Percentiles.of(total), Percentiles.of(bm25), Percentiles.of(vector), Percentiles.of(fusion),
                Percentiles.of(knn), recall, cpuMsPerRetrieval,
                (double) distinct / queries, digest.hex());
    }

    private static int distinctHits(RetrievalResult result) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        result.bm25().forEach(hit -> ids.add(hit.chunkId()));
        result.vector().forEach(hit -> ids.add(hit.chunkId()));
        return ids.size();
    }

    /** Bytes per vector file extension: .vec raw floats, .veq quantized, .vex HNSW graph, .vem* metadata. */
    private static Map<String, Long> vectorFileBytes(java.nio.file.Path indexPath) {
        Map<String, Long> bytes = new java.util.TreeMap<>(IndexFiles.bytesByExtension(indexPath));
        bytes.keySet().removeIf(extension -> !extension.startsWith("ve"));
        return bytes;
    }

    /** Share of the exact top-10 (a full dot-product scan of the indexed vectors) that HNSW returns, 50 queries. */
    private static double hnswRecall(LuceneChunkIndex index, Embedder embedder, String[] texts) {
        int checked = Math.min(50, texts.length);
        float[][] queries = new float[checked][];
        for (int q = 0; q < checked; q++) {
            queries[q] = embedder.embedQuery(texts[q]);
        }
        List<List<String>> exact = index.exactVectorSearch(queries, 10);
        double found = 0;
        for (int q = 0; q < checked; q++) {
            Set<String> expected = new HashSet<>(exact.get(q));
            for (ScoredChunk hit : index.searchVector(queries[q], 10, SearchFilter.NONE)) {
                if (expected.contains(hit.chunkId())) {
                    found++;
                }
            }
        }
        return found / (checked * 10.0);
    }
}
