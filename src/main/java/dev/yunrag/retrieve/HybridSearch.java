package dev.yunrag.retrieve;

import dev.yunrag.embed.Embedder;
import dev.yunrag.embed.QueryEmbeddingCache;
import dev.yunrag.index.ChunkIndex;
import dev.yunrag.index.CollectionCatalog;
import dev.yunrag.index.IndexView;
import dev.yunrag.index.SearchFilter;
import dev.yunrag.model.ScoredChunk;
import dev.yunrag.text.TextLanguage;
import dev.yunrag.util.Futures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * BM25 and HNSW kNN over a collection, run side by side on one pinned commit. The query is embedded with the
 * collection's own embedding model; if embedding fails (a remote model down), BM25 alone answers and a warning says
 * so. A question in the other language than most of the collection is also searched moved across languages
 * ({@link CrossLanguageSearch}).
 */
public final class HybridSearch implements CandidateSearch, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HybridSearch.class);

    private final CollectionCatalog collections;
    private final Function<String, Embedder> embedders;
    private final int candidates;
    private final CrossLanguageSearch crossLanguage = new CrossLanguageSearch();
    private final QueryEmbeddingCache queryVectors = new QueryEmbeddingCache(QueryEmbeddingCache.DEFAULT_ENTRIES);
    private final ExecutorService bm25Pool = Executors.newVirtualThreadPerTaskExecutor();

    /** @param candidates hits taken from each of BM25 and kNN ({@code yunrag.retrieval.candidates}) */
    public HybridSearch(CollectionCatalog collections, Function<String, Embedder> embedders, int candidates) {
        this.collections = collections;
        this.embedders = embedders;
        this.candidates = candidates;
    }

    /** The dense branch's outcome: its hits, and whether they were found by a question moved across languages. */
    private record VectorBranch(List<ScoredChunk> hits, boolean crossLanguage) {
    }

    @Override
    public Candidates search(RetrievalQuery query) {
        ChunkIndex index = collections.find(query.collection())
                .orElseThrow(() -> new UnknownCollectionException(query.collection()));
        SearchFilter filter = query.filter() == null ? SearchFilter.NONE : query.filter();
        Map<String, Double> timings = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        BranchFailure.Outcome<List<ScoredChunk>> bm25;
        BranchFailure.Outcome<VectorBranch> vector;
        // Both branches read one pinned commit: searched apart, a commit landing between them fused chunks of a
        // document's old and new versions into one answer (ReadConsistencyTest).
        try (IndexView snapshot = index.snapshot()) {
            CompletableFuture<List<ScoredChunk>> bm25Future = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                List<ScoredChunk> hits = snapshot.searchBm25(query.text(), candidates, filter);
                synchronized (timings) {
                    timings.put("bm25", HybridRetriever.ms(start));
                }
                return hits;
            }, bm25Pool);
            try {
                vector = BranchFailure.run(() -> searchVector(index, snapshot, query.text(), filter, timings,
                        warnings));
            } finally {
                // The snapshot must outlive the BM25 branch, also when the vector branch failed.
                bm25 = BranchFailure.run(() -> Futures.await(bm25Future));
            }
        }
        // One branch that the index could not answer (a timeout, a backend error) leaves a correct partial result
        // from the other, said in a warning; with both failed there is nothing to answer from.
        if (bm25.failed() && vector.failed()) {
            throw BranchFailure.bothFailed(bm25.failure(), vector.failure());
        }
        if (bm25.failed()) {
            LOG.warnf("BM25 branch failed on collection %s: %s", query.collection(), bm25.failure().getMessage());
            warnings.add(BranchFailure.warning("keyword (BM25)", "vector (kNN)", bm25.failure()));
            bm25 = new BranchFailure.Outcome<>(List.of(), null);
        }
        if (vector.failed()) {
            LOG.warnf("kNN branch failed on collection %s: %s", query.collection(), vector.failure().getMessage());
            warnings.add(BranchFailure.warning("vector (kNN)", "keyword (BM25)", vector.failure()));
            vector = new BranchFailure.Outcome<>(new VectorBranch(List.of(), false), null);
        }
        synchronized (timings) {
            return new Candidates(index.settings(), bm25.value(), vector.value().hits(), vector.value().crossLanguage(),
                    timings, warnings);
        }
    }

    private VectorBranch searchVector(ChunkIndex index, IndexView snapshot, String text,
                                      SearchFilter filter, Map<String, Double> timings, List<String> warnings) {
        long start = System.nanoTime();
        String model = index.settings().embeddingModel();
        Embedder embedder;
        float[] queryVector;
        try {
            embedder = embedders.apply(model);
            queryVector = queryVectors.embedQuery(embedder, text);
        } catch (RuntimeException e) {
            LOG.warnf("Query embedding failed: %s", e.getMessage());
            warnings.add("Embedding model " + model + " is unavailable ("
                    + e.getMessage() + "); results come from BM25 keyword search only.");
            synchronized (timings) {
                timings.put("embed", HybridRetriever.ms(start));
            }
            return new VectorBranch(List.of(), false);
        }
        double embedMs = HybridRetriever.ms(start);
        long knnStart = System.nanoTime();
        List<ScoredChunk> hits = snapshot.searchVector(queryVector, candidates, filter);
        TextLanguage asked = TextLanguage.of(text);
        boolean cross = CrossLanguageSearch.applies(model, asked, hits);
        double knnMs = HybridRetriever.ms(knnStart);
        double movedMs = 0;
        if (cross) {
            long movedStart = System.nanoTime();
            List<ScoredChunk> moved = snapshot.searchVector(crossLanguage.shifted(embedder, queryVector, asked),
                    candidates, filter);
            hits = CrossLanguageSearch.interleave(moved, hits, candidates);
            movedMs = HybridRetriever.ms(movedStart);
        }
        synchronized (timings) {
            timings.put("embed", embedMs);
            timings.put("vector", knnMs);
            if (cross) {
                // present only when the question was moved across languages (CrossLanguageSearch)
                timings.put("crossLanguage", movedMs);
            }
        }
        return new VectorBranch(hits, cross);
    }

    @Override
    public void close() {
        bm25Pool.close();
    }
}
